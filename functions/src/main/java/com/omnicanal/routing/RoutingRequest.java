package com.omnicanal.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An order (or what is left of one) to route.
 *
 * @param destination where the parcels go: the delivery address, or the pickup store for a transfer
 * @param oneParcel   the customer asked for one parcel: ship from one place or wait
 * @param rejectedBy  places that already rejected this order: never offered it again
 */
public record RoutingRequest(String orderId, List<Line> lines, GeoPoint destination, boolean oneParcel,
                             Set<String> rejectedBy) {
    public record Line(String sku, int quantity) {
        public Line {
            if (quantity < 1) throw new IllegalArgumentException("a line orders at least one unit: " + quantity);
        }
    }

    public RoutingRequest {
        lines = List.copyOf(lines);
        rejectedBy = Set.copyOf(rejectedBy);
    }

    /** What is left to route after a place rejected its shipment: those lines, never offered to that place again. */
    public RoutingRequest afterRejection(String location, List<Line> rejectedLines) {
        var rejecting = new HashSet<>(rejectedBy);
        rejecting.add(location);
        return new RoutingRequest(orderId, rejectedLines, destination, oneParcel, rejecting);
    }
}
