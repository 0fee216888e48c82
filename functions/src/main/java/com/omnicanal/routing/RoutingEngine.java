package com.omnicanal.routing;

import com.omnicanal.routing.RoutingDecision.Filter;
import com.omnicanal.routing.RoutingDecision.Outcome;
import com.omnicanal.routing.RoutingDecision.Shipment;
import com.omnicanal.routing.RoutingDecision.Verdict;
import com.omnicanal.routing.RoutingRequest.Line;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Chooses where an order ships from. The filters exclude places (already rejected this order, at their day's
 * capacity, no line above safety stock); the rules' sorts rank the rest; then the set of at most
 * {@code maxShipments} places that ships the most units wins, with the fewest shipments, then the best ranks, then the
 * shortest total distance. A line ships whole from one place; a line nobody can ship waits. Pure: the same inputs
 * give the same decision.
 */
public final class RoutingEngine {
    /** Lines are tracked as bits of a long. */
    public static final int MAX_LINES = 63;

    public RoutingDecision route(RoutingRequest request, List<Candidate> candidates, RoutingRules rules) {
        var lines = request.lines();
        if (lines.size() > MAX_LINES) throw new IllegalArgumentException("at most " + MAX_LINES + " lines are routed at once");
        var distances = new HashMap<String, Double>();
        var excluded = new HashMap<String, Filter>();
        var shippable = new HashMap<String, Long>();
        var eligible = new ArrayList<Candidate>();
        for (var place : candidates) {
            distances.put(place.locationId(), place.at().distanceKm(request.destination()));
            long mask = 0;
            for (int i = 0; i < lines.size(); i++) {
                if (place.available(lines.get(i).sku()) - rules.safetyStock(place) >= lines.get(i).quantity()) mask |= 1L << i;
            }
            shippable.put(place.locationId(), mask);
            Filter filter = null;
            if (request.rejectedBy().contains(place.locationId())) filter = Filter.REJECTED_THIS_ORDER;
            else if (place.shipmentsToday() >= rules.dailyCapacity(place)) filter = Filter.DAILY_CAPACITY;
            else if (mask == 0) filter = Filter.SAFETY_STOCK;
            if (filter == null) eligible.add(place);
            else excluded.put(place.locationId(), filter);
        }
        eligible.sort(ranking(rules, request, distances));
        long[] masks = eligible.stream().mapToLong(p -> shippable.get(p.locationId())).toArray();
        long all = lines.size() == 63 ? Long.MAX_VALUE : (1L << lines.size()) - 1;
        long coverable = 0;
        for (long m : masks) coverable |= m;
        int maxSize = request.oneParcel() ? 1 : rules.maxShipments();
        Choice best = null;
        String waitReason = null;
        if (request.oneParcel() && !anyCovers(masks, all)) {
            waitReason = "one parcel was asked and no single place can ship every line";
        } else if (!rules.allowPartial() && coverable != all) {
            waitReason = "partial shipping is off and no place can ship " + skus(lines, all & ~coverable);
        } else {
            var search = new Search(lines, masks, eligible, distances, maxSize, unitsOf(lines, coverable));
            best = search.best();
            if (best == null) waitReason = "no place can ship any line above its safety stock";
        }
        return decision(request, rules, candidates, eligible, distances, excluded, shippable, best, waitReason);
    }

    private static Comparator<Candidate> ranking(RoutingRules rules, RoutingRequest request, Map<String, Double> distances) {
        Comparator<Candidate> order = (a, b) -> 0;
        for (var sort : rules.sorts()) {
            order = order.thenComparing(switch (sort) {
                case DISTANCE -> Comparator.comparingDouble((Candidate c) -> distances.get(c.locationId()));
                case STOCK_DEPTH -> Comparator.comparingInt((Candidate c) -> depth(c, request, rules)).reversed();
                case REJECTION_RATE -> Comparator.comparingDouble(Candidate::rejectionRate);
            });
        }
        return order.thenComparing(Candidate::locationId);
    }

    /** Units of the ordered SKUs the place holds above its safety stock. */
    static int depth(Candidate place, RoutingRequest request, RoutingRules rules) {
        int depth = 0;
        for (var line : request.lines()) depth += Math.max(0, place.available(line.sku()) - rules.safetyStock(place));
        return depth;
    }

    private static boolean anyCovers(long[] masks, long all) {
        for (long m : masks) if ((m & all) == all) return true;
        return false;
    }

    private static int unitsOf(List<Line> lines, long mask) {
        int units = 0;
        for (int i = 0; i < lines.size(); i++) if ((mask & (1L << i)) != 0) units += lines.get(i).quantity();
        return units;
    }

    private static String skus(List<Line> lines, long mask) {
        var names = new ArrayList<String>();
        for (int i = 0; i < lines.size(); i++) if ((mask & (1L << i)) != 0) names.add(lines.get(i).sku());
        return String.join(", ", names);
    }

    /** A set of places (indices into the ranked eligible list, ascending) and the lines each ships. */
    private record Choice(int[] members, long[] owned, int units, int rankSum, double distance) {
        /** More units first, then fewer shipments, better ranks, shorter distance. */
        boolean beats(Choice other) {
            if (other == null) return true;
            if (units != other.units) return units > other.units;
            if (members.length != other.members.length) return members.length < other.members.length;
            if (rankSum != other.rankSum) return rankSum < other.rankSum;
            return distance < other.distance;
        }
    }

    /**
     * Tries every set of up to {@code maxSize} eligible places in which each place ships a line no better-ranked member
     * can: a line goes to the best-ranked member that can ship it. Stops at the first size that ships every unit that
     * can be shipped at all (fewer shipments win).
     */
    private static final class Search {
        private final List<Line> lines;
        private final long[] masks;
        private final List<Candidate> eligible;
        private final Map<String, Double> distances;
        private final int maxSize;
        private final int coverableUnits;
        private final int[] picked;
        private Choice best;

        Search(List<Line> lines, long[] masks, List<Candidate> eligible, Map<String, Double> distances, int maxSize,
               int coverableUnits) {
            this.lines = lines;
            this.masks = masks;
            this.eligible = eligible;
            this.distances = distances;
            this.maxSize = maxSize;
            this.coverableUnits = coverableUnits;
            this.picked = new int[maxSize];
        }

        Choice best() {
            for (int size = 1; size <= maxSize && size <= masks.length; size++) {
                extend(0, 0, 0L, size);
                if (best != null && best.units == coverableUnits) break;
            }
            return best;
        }

        private void extend(int from, int depth, long union, int size) {
            if (depth == size) {
                consider(size);
                return;
            }
            for (int i = from; i < masks.length; i++) {
                // a place that ships nothing the better-ranked members cannot is no shipment of its own
                if ((masks[i] & ~union) == 0) continue;
                picked[depth] = i;
                extend(i + 1, depth + 1, union | masks[i], size);
            }
        }

        private void consider(int size) {
            var members = new int[size];
            var owned = new long[size];
            long union = 0;
            int rankSum = 0;
            double distance = 0;
            for (int k = 0; k < size; k++) {
                members[k] = picked[k];
                owned[k] = masks[picked[k]] & ~union;
                union |= masks[picked[k]];
                rankSum += picked[k];
                distance += distances.get(eligible.get(picked[k]).locationId());
            }
            var choice = new Choice(members, owned, unitsOf(lines, union), rankSum, distance);
            if (choice.beats(best)) best = choice;
        }
    }

    private static RoutingDecision decision(RoutingRequest request, RoutingRules rules, List<Candidate> candidates,
                                            List<Candidate> eligible, Map<String, Double> distances,
                                            Map<String, Filter> excluded, Map<String, Long> shippable, Choice best,
                                            String waitReason) {
        var lines = request.lines();
        var shipments = new ArrayList<Shipment>();
        var chosen = new HashMap<String, Boolean>();
        long shipped = 0;
        if (best != null) {
            for (int k = 0; k < best.members().length; k++) {
                var place = eligible.get(best.members()[k]);
                var parcel = new ArrayList<Line>();
                for (int i = 0; i < lines.size(); i++) if ((best.owned()[k] & (1L << i)) != 0) parcel.add(lines.get(i));
                shipments.add(new Shipment(place.locationId(), place.kind(), parcel, round(distances.get(place.locationId()))));
                chosen.put(place.locationId(), true);
                shipped |= best.owned()[k];
            }
        }
        var waiting = new ArrayList<Line>();
        for (int i = 0; i < lines.size(); i++) if ((shipped & (1L << i)) == 0) waiting.add(lines.get(i));
        var ranks = new HashMap<String, Integer>();
        for (int r = 0; r < eligible.size(); r++) ranks.put(eligible.get(r).locationId(), r);
        var verdicts = new ArrayList<Verdict>();
        for (var place : candidates) {
            long mask = shippable.get(place.locationId());
            var canShip = new ArrayList<String>();
            for (int i = 0; i < lines.size(); i++) if ((mask & (1L << i)) != 0) canShip.add(lines.get(i).sku());
            verdicts.add(new Verdict(place.locationId(), place.kind(), round(distances.get(place.locationId())),
                    excluded.get(place.locationId()), canShip, ranks.get(place.locationId()),
                    chosen.containsKey(place.locationId())));
        }
        verdicts.sort(Comparator.comparing((Verdict v) -> v.rank() == null ? Integer.MAX_VALUE : v.rank())
                .thenComparingDouble(Verdict::distanceKm).thenComparing(Verdict::locationId));
        Outcome outcome = shipments.isEmpty() ? Outcome.WAITING
                : !waiting.isEmpty() ? Outcome.PARTIAL : shipments.size() == 1 ? Outcome.ROUTED : Outcome.SPLIT;
        String reason = switch (outcome) {
            case WAITING -> waitReason == null ? "nothing can ship" : waitReason;
            case ROUTED -> "every line from " + describe(shipments);
            case SPLIT -> "no single place can ship every line within the rules: " + shipments.size() + " shipments, "
                    + describe(shipments);
            case PARTIAL -> "shipping " + describe(shipments) + "; waiting for "
                    + waiting.stream().map(Line::sku).collect(Collectors.joining(", "));
        };
        return new RoutingDecision(request.orderId(), rules.version(), outcome, verdicts, shipments, waiting, reason);
    }

    private static String describe(List<Shipment> shipments) {
        return shipments.stream().map(s -> s.locationId() + " (" + String.format(Locale.ROOT, "%.1f km", s.distanceKm()) + ")")
                .collect(Collectors.joining(", "));
    }

    private static double round(double km) {
        return Math.round(km * 10) / 10.0;
    }
}
