package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.routing.Candidate.Kind;
import com.omnicanal.routing.RoutingRequest.Line;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the stock, the places, the rules and the rejections: every unit ordered ships exactly once or waits, no
 * place is taken below its safety stock by routing, and a rejection never loses a line.
 */
@Tag("fast")
class RoutingProperties {
    private static final List<String> SKUS = List.of("A", "B", "C", "D", "E");
    private final RoutingEngine engine = new RoutingEngine();

    record World(List<Candidate> places, List<Line> lines, RoutingRules rules, boolean oneParcel) {
    }

    @Property(tries = 300)
    void everyUnitShipsExactlyOnceOrWaits(@ForAll("worlds") World world) {
        var decision = engine.route(request(world, Set.of()), world.places(), world.rules());

        assertThat(unitsBySku(decision.shipments(), decision.waiting())).isEqualTo(unitsBySku(world.lines()));
        assertThat(decision.shipments().size()).isLessThanOrEqualTo(world.oneParcel() ? 1 : world.rules().maxShipments());
        if (world.oneParcel()) assertThat(decision.shipments().size() == 1 ? decision.waiting() : decision.shipments()).isEmpty();
    }

    @Property(tries = 200)
    void routingNeverTakesAPlaceBelowItsSafetyStock(@ForAll("worlds") World world,
                                                    @ForAll @IntRange(min = 1, max = 6) int orders) {
        // the same order placed again and again against the stock the earlier ones left
        var stock = new HashMap<String, Map<String, Integer>>();
        world.places().forEach(p -> stock.put(p.locationId(), new HashMap<>(p.available())));
        for (int n = 0; n < orders; n++) {
            var places = world.places().stream().map(p -> new Candidate(p.locationId(), p.kind(), p.name(), p.at(),
                    stock.get(p.locationId()), p.shipmentsToday(), p.rejectionRate())).toList();
            var decision = engine.route(request(world, Set.of()), places, world.rules());
            for (var shipment : decision.shipments()) {
                var place = places.stream().filter(p -> p.locationId().equals(shipment.locationId())).findFirst().orElseThrow();
                for (var line : shipment.lines()) {
                    int left = stock.get(place.locationId()).getOrDefault(line.sku(), 0) - line.quantity();
                    assertThat(left).as("%s of %s left at %s", left, line.sku(), place.locationId())
                            .isGreaterThanOrEqualTo(world.rules().safetyStock(place));
                    stock.get(place.locationId()).put(line.sku(), left);
                }
            }
        }
    }

    @Property(tries = 300)
    void aRejectionNeverLosesALine(@ForAll("worlds") World world, @ForAll @IntRange(min = 0, max = 3) int rejecting) {
        var request = request(world, Set.of());
        var first = engine.route(request, world.places(), world.rules());
        if (first.shipments().isEmpty()) return;
        var rejected = first.shipments().get(rejecting % first.shipments().size());

        var rerouted = engine.route(request.afterRejection(rejected.locationId(), rejected.lines()), world.places(),
                world.rules());

        var shipments = new ArrayList<>(first.shipments());
        shipments.remove(rejected);
        shipments.addAll(rerouted.shipments());
        var waiting = new ArrayList<>(first.waiting());
        waiting.addAll(rerouted.waiting());
        assertThat(unitsBySku(shipments, waiting)).isEqualTo(unitsBySku(world.lines()));
        assertThat(rerouted.shipments()).noneMatch(s -> s.locationId().equals(rejected.locationId()));
    }

    private static RoutingRequest request(World world, Set<String> rejectedBy) {
        return new RoutingRequest("o", world.lines(), new GeoPoint(48.85, 2.35), world.oneParcel(), rejectedBy);
    }

    private static Map<String, Integer> unitsBySku(List<Line> lines) {
        var units = new HashMap<String, Integer>();
        lines.forEach(l -> units.merge(l.sku(), l.quantity(), Integer::sum));
        return units;
    }

    private static Map<String, Integer> unitsBySku(List<RoutingDecision.Shipment> shipments, List<Line> waiting) {
        var all = new ArrayList<Line>(waiting);
        shipments.forEach(s -> all.addAll(s.lines()));
        return unitsBySku(all);
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Candidate> place = Combinators.combine(
                Arbitraries.integers().between(0, 9999), Arbitraries.of(Kind.values()),
                Arbitraries.doubles().between(42.5, 51.0), Arbitraries.doubles().between(-4.5, 8.0),
                Arbitraries.maps(Arbitraries.of(SKUS), Arbitraries.integers().between(0, 6)).ofMaxSize(5),
                Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 1))
                .as((id, kind, lat, lon, stock, today, rate) -> new Candidate("L" + id, kind, "L" + id,
                        new GeoPoint(lat, lon), stock, today, rate));
        Arbitrary<List<Candidate>> places = place.list().ofMinSize(0).ofMaxSize(8)
                .uniqueElements(Candidate::locationId);
        Arbitrary<List<Line>> lines = Arbitraries.subsetOf(SKUS).ofMinSize(1)
                .flatMap(skus -> Combinators.combine(skus.stream().map(sku -> Arbitraries.integers().between(1, 4)
                        .map(q -> new Line(sku, q))).toList()).as(List::copyOf));
        Arbitrary<RoutingRules> rules = Combinators.combine(Arbitraries.integers().between(1, RoutingRules.MAX_SHIPMENTS),
                        Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 6),
                        Arbitraries.shuffle(List.of(RoutingRules.Sort.values())))
                .as((max, partial, storeSafety, webSafety, capacity, sorts) -> new RoutingRules(1, max, partial,
                        storeSafety, webSafety, Map.of(), capacity, Map.of(), sorts, null, null));
        return Combinators.combine(places, lines, rules, Arbitraries.of(true, false)).as(World::new);
    }

}
