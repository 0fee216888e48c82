package com.omnicanal.catalog;

import java.time.Clock;

/** The catalogue's use cases, built together over the same ports and policy. */
public record CatalogJourneys(SearchingProducts searching, ImportingFeeds importing, FindingStores findingStores,
                              ManagingStores managingStores) {

    public static <T extends Catalog & StoreRegister> CatalogJourneys of(T catalog, CatalogFeeds feeds, StockFigures stock,
                                                                        CatalogPolicy policy, Clock clock) {
        return new CatalogJourneys(new SearchingProducts(catalog, stock, policy, clock),
                new ImportingFeeds(feeds, policy, clock), new FindingStores(catalog, clock), new ManagingStores(catalog, clock));
    }
}
