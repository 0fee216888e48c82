package com.omnicanal.bench;

import com.omnicanal.routing.Candidate;
import com.omnicanal.routing.Departements;
import com.omnicanal.routing.GeoPoint;
import com.omnicanal.routing.RoutingEngine;
import com.omnicanal.routing.RoutingRequest;
import com.omnicanal.routing.RoutingRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Routing time for an order of 5 lines across 50 places (the web warehouse and 49 stores at département centres), in
 * the JVM, with no I/O: the engine's own cost. Three stock layouts: every place has everything (one shipment), each
 * SKU at a few places (a split), and each place with one SKU only and at most 4 shipments (nothing covers the order,
 * so every set of up to 4 places is tried: the worst case). Usage: {@code RoutingBench [rounds] [routes per round]}.
 */
public final class RoutingBench {
    private static final List<String> SKUS = List.of("S1", "S2", "S3", "S4", "S5");
    private static final String[] DEPARTEMENTS = {"01", "06", "13", "14", "17", "21", "25", "29", "31", "33", "34", "35",
            "37", "38", "42", "44", "45", "49", "51", "54", "56", "57", "59", "62", "63", "64", "66", "67", "68", "69",
            "72", "74", "75", "76", "77", "78", "80", "83", "84", "86", "87", "91", "92", "93", "94", "95", "30", "26", "73"};

    private RoutingBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        var engine = new RoutingEngine();
        var customer = Departements.shipped().centreOf("69002").orElseThrow();
        var lines = SKUS.stream().map(s -> new RoutingRequest.Line(s, 2)).toList();
        var request = new RoutingRequest("bench", lines, customer, false, Set.of());
        var defaults = RoutingRules.defaults();
        var four = new RoutingRules(1, 4, true, 1, 0, Map.of(), 10, Map.of(), defaults.sorts(), null, null);
        Map<String, List<Candidate>> layouts = new java.util.LinkedHashMap<>();
        layouts.put("everything everywhere (1 shipment)", places((i, sku) -> 20));
        layouts.put("each place with 1 or 2 SKUs (split in 3)", places((i, sku) -> (i + SKUS.indexOf(sku)) % 3 == 0 ? 10 : 0));
        layouts.put("one SKU per place, max 4 shipments (worst case)", places((i, sku) -> i % 5 == SKUS.indexOf(sku) ? 10 : 0));
        System.out.printf(Locale.ROOT, "routing an order of %d lines across %d places: %d rounds x %d routes (first round uncounted)%n",
                lines.size(), layouts.values().iterator().next().size(), rounds, perRound);
        for (var layout : layouts.entrySet()) {
            var rules = layout.getKey().contains("max 4") ? four : defaults;
            var decision = engine.route(request, layout.getValue(), rules);
            var medians = new ArrayList<Double>();
            var p99s = new ArrayList<Double>();
            for (int round = 0; round < rounds; round++) {
                var micros = new double[perRound];
                for (int n = 0; n < perRound; n++) {
                    long start = System.nanoTime();
                    engine.route(request, layout.getValue(), rules);
                    micros[n] = (System.nanoTime() - start) / 1000.0;
                }
                if (round == 0) continue;
                Arrays.sort(micros);
                medians.add(micros[perRound / 2]);
                p99s.add(micros[(int) (perRound * 0.99)]);
            }
            medians.sort(null);
            p99s.sort(null);
            System.out.printf(Locale.ROOT, "%-50s %s, %d shipments: median %.1f µs (rounds %.1f-%.1f), p99 %.1f µs%n",
                    layout.getKey(), decision.outcome(), decision.shipments().size(), medians.get(medians.size() / 2),
                    medians.get(0), medians.get(medians.size() - 1), p99s.get(p99s.size() / 2));
        }
    }

    private interface Stock {
        int units(int place, String sku);
    }

    private static List<Candidate> places(Stock stock) {
        var random = new Random(19);
        var places = new ArrayList<Candidate>();
        places.add(new Candidate("WEB", Candidate.Kind.WAREHOUSE, "Entrepôt web", new GeoPoint(47.32, 5.04),
                units(0, stock), 0, 0.0));
        for (int i = 0; i < DEPARTEMENTS.length; i++) {
            var at = Departements.shipped().centreOf(DEPARTEMENTS[i] + "000").orElseThrow();
            places.add(new Candidate("store-" + DEPARTEMENTS[i], Candidate.Kind.STORE, "Store " + DEPARTEMENTS[i], at,
                    units(i + 1, stock), random.nextInt(5), random.nextDouble() / 5));
        }
        return places;
    }

    private static Map<String, Integer> units(int place, Stock stock) {
        var units = new HashMap<String, Integer>();
        SKUS.forEach(s -> units.put(s, stock.units(place, s)));
        return units;
    }
}
