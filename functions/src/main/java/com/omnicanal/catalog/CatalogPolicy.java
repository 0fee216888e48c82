package com.omnicanal.catalog;

import java.time.Duration;

/**
 * How feeds are applied and searched: lines per batch (one DynamoDB transaction each, with its progress record), the
 * largest feed, the share of rejected lines above which a feed is refused whole, and how often the search checks for
 * a newer catalogue.
 */
public record CatalogPolicy(int batchSize, int maxLines, double maxRejectedShare, Duration searchRefresh) {
    public static final CatalogPolicy DEFAULT = new CatalogPolicy(50, 100_000, 0.1, Duration.ofSeconds(10));

    public CatalogPolicy {
        // a transaction holds at most 100 actions: the batch's products, its progress record and the run check
        if (batchSize < 1 || batchSize > 98) throw new IllegalArgumentException("batchSize is between 1 and 98");
    }
}
