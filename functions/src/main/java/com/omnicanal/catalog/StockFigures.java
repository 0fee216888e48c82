package com.omnicanal.catalog;

import java.util.Collection;
import java.util.Map;

/** Port: what is free to sell of each SKU, as the storefront lists it; stock answers it (the catalogue knows no stock). */
public interface StockFigures {
    /** Keyed by SKU; a SKU with no stock anywhere may be absent. */
    Map<String, ProductSummary.Availability> availability(Collection<String> skus);

    /** Units free to sell of these SKUs at these locations, by SKU then location; only those with some. */
    Map<String, Map<String, Integer>> availableAt(Collection<String> skus, Collection<String> locations);

    /** No stock anywhere: for what loads a catalogue and never searches it. */
    StockFigures NONE = new StockFigures() {
        @Override
        public Map<String, ProductSummary.Availability> availability(Collection<String> skus) {
            return Map.of();
        }

        @Override
        public Map<String, Map<String, Integer>> availableAt(Collection<String> skus, Collection<String> locations) {
            return Map.of();
        }
    };
}
