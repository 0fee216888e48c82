package com.omnicanal.routing;

import java.util.Map;

/**
 * A place that might ship an order: the web warehouse or a store enabled for shipping, with what routing needs to
 * know of it now.
 *
 * @param available      units free to sell per SKU of the order (on hand less held)
 * @param shipmentsToday shipments it was given today (its daily capacity counts these)
 * @param rejectionRate  its shipments rejected over those offered in the rules' window, 0 to 1
 */
public record Candidate(String locationId, Kind kind, String name, GeoPoint at, Map<String, Integer> available,
                        int shipmentsToday, double rejectionRate) {
    public enum Kind { WAREHOUSE, STORE }

    public Candidate {
        available = Map.copyOf(available);
    }

    public int available(String sku) {
        return available.getOrDefault(sku, 0);
    }
}
