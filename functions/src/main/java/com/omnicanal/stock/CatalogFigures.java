package com.omnicanal.stock;

import com.omnicanal.catalog.ProductSummary;
import com.omnicanal.catalog.StockFigures;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures the catalogue lists beside each product, summed from the ledger. */
public final class CatalogFigures implements StockFigures {
    private final StockLedger ledger;

    public CatalogFigures(StockLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    public Map<String, ProductSummary.Availability> availability(Collection<String> skus) {
        var figures = new LinkedHashMap<String, ProductSummary.Availability>();
        ledger.levels(skus).forEach((sku, levels) -> figures.put(sku, availability(levels)));
        return figures;
    }

    @Override
    public Map<String, Map<String, Integer>> availableAt(Collection<String> skus, Collection<String> locations) {
        var figures = new LinkedHashMap<String, Map<String, Integer>>();
        for (var level : ledger.levels(skus, locations)) {
            if (level.available() > 0) figures.computeIfAbsent(level.sku(), k -> new LinkedHashMap<>()).put(level.location(), level.available());
        }
        return figures;
    }

    /** Units free on the web, how many stores have some, and the sum everywhere. */
    private static ProductSummary.Availability availability(List<StockLevel> levels) {
        int web = 0;
        int stores = 0;
        int total = 0;
        for (var level : levels) {
            total += level.available();
            if (level.isWeb()) {
                web += level.available();
            } else if (level.available() > 0) {
                stores++;
            }
        }
        return new ProductSummary.Availability(web, stores, total);
    }
}
