package com.omnicanal.routing;

import java.util.List;

/**
 * Why an order went where it went: every candidate with its distance and the filter that excluded it (or its rank),
 * the shipments chosen and the lines left waiting, under which version of the rules. Ops read it for an order.
 */
public record RoutingDecision(String orderId, int rulesVersion, Outcome outcome, List<Verdict> candidates,
                              List<Shipment> shipments, List<RoutingRequest.Line> waiting, String reason) {

    public enum Outcome {
        /** Every line from one place. */
        ROUTED,
        /** Every line, from several places. */
        SPLIT,
        /** Some lines shipped, the rest wait for stock. */
        PARTIAL,
        /** Nothing shipped: nothing fits the rules (or one parcel was asked and no single place has everything). */
        WAITING
    }

    /** The filters, in the order they are tried; the first that fails excludes the place. */
    public enum Filter {
        /** The place already rejected this order. */
        REJECTED_THIS_ORDER,
        /** The place has had its day's shipments. */
        DAILY_CAPACITY,
        /** The place has no line of the order above its safety stock. */
        SAFETY_STOCK
    }

    /**
     * One candidate: its distance, the filter that excluded it or null, the SKUs it could ship above its safety stock,
     * its rank among the eligible (0 best) or null, and whether it won a shipment.
     */
    public record Verdict(String locationId, Candidate.Kind kind, double distanceKm, Filter excludedBy,
                          List<String> canShip, Integer rank, boolean chosen) {
        public Verdict {
            canShip = List.copyOf(canShip);
        }
    }

    /** A parcel: the place that ships it and the lines in it. */
    public record Shipment(String locationId, Candidate.Kind kind, List<RoutingRequest.Line> lines, double distanceKm) {
        public Shipment {
            lines = List.copyOf(lines);
        }
    }

    public RoutingDecision {
        candidates = List.copyOf(candidates);
        shipments = List.copyOf(shipments);
        waiting = List.copyOf(waiting);
    }
}
