package com.omnicanal.catalog;

import java.util.Collection;
import java.util.Map;

/** Port: what is free to sell of each SKU, as the storefront lists it; stock answers it (the catalogue knows no stock). */
public interface StockFigures {
    /** Keyed by SKU; a SKU with no stock anywhere may be absent. */
    Map<String, ProductSummary.Availability> availability(Collection<String> skus);
}
