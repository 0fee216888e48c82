package com.omnicanal.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: where the lines a pickup store lacks come from. Routing implements it with its engine (the pickup store as the
 * destination, its rules and safety stocks); without it, the web warehouse or the store with the most units.
 */
public interface TransferSourcing {

    record Need(String sku, int quantity) {
    }

    /**
     * Every missing line's source, the units each source keeps for itself, and why (kept with the transfer for ops).
     */
    record Sourcing(Map<String, String> sourceBySku, Map<String, Integer> safetyStockBySource, Object decision) {
        public Sourcing {
            sourceBySku = Map.copyOf(sourceBySku);
            safetyStockBySource = Map.copyOf(safetyStockBySource);
        }
    }

    /** Empty when some missing line cannot be transferred now. */
    Optional<Sourcing> source(String orderId, List<Need> missing, String pickupStoreId);
}
