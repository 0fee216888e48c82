package com.omnicanal.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port: where the lines a pickup store lacks come from. Routing implements it with its engine (the pickup store as the
 * destination, its rules and safety stocks); without it, the web warehouse or the store with the most units.
 */
public interface TransferSourcing {

    record Need(String sku, int quantity) {
    }

    /**
     * Every missing line's source, the units each source keeps for itself, each source's daily capacity (a transfer
     * counts against it as a shipment does; absent: none), and why (kept with the transfer for ops).
     */
    record Sourcing(Map<String, String> sourceBySku, Map<String, Integer> safetyStockBySource,
                    Map<String, Integer> capacityBySource, Object decision) {
        public Sourcing {
            sourceBySku = Map.copyOf(sourceBySku);
            safetyStockBySource = Map.copyOf(safetyStockBySource);
            capacityBySource = Map.copyOf(capacityBySource);
        }

        public int capacityOf(String source) {
            return capacityBySource.getOrDefault(source, Integer.MAX_VALUE);
        }
    }

    /** Empty when some missing line cannot be transferred now. */
    default Optional<Sourcing> source(String orderId, List<Need> missing, String pickupStoreId) {
        return source(orderId, missing, pickupStoreId, Set.of(), Set.of());
    }

    /**
     * As above, routed again after a refusal: never from a place in {@code refusedBy} (the decision shows the filter
     * that excluded it, as for a shipment a place rejected), nor from one in {@code leftOut} (already sending this
     * order something: one transfer per order and source).
     */
    Optional<Sourcing> source(String orderId, List<Need> missing, String pickupStoreId, Set<String> refusedBy,
                              Set<String> leftOut);
}
