package com.omnicanal.stock;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the stock of every SKU at every location. Holds and releases are part of the reservation transactions. */
public interface StockLedger {
    List<StockLevel> levels(String sku);

    /** Levels for many SKUs at once, keyed by SKU; SKUs with no stock anywhere are absent. */
    Map<String, List<StockLevel>> levels(Collection<String> skus);

    /** The levels of these SKUs at these locations only (the stores near a shopper); absent where there is no item. */
    default List<StockLevel> levels(Collection<String> skus, Collection<String> locations) {
        return levels(skus).values().stream().flatMap(List::stream).filter(l -> locations.contains(l.location())).toList();
    }

    /** The sequence of the newest feed fully applied for the store, or -1. */
    long lastAppliedFeed(String storeId);

    /**
     * Sets on-hand from a count, never below the units held, unless the item already carries this or a newer feed
     * (conditional write: a late feed never overwrites a newer count, a replay changes nothing).
     */
    CountOutcome applyCount(String storeId, long feedSequence, String sku, int onHand);

    /** Records the feed as applied, unless a newer one was recorded meanwhile. */
    void recordFeed(String storeId, long feedSequence);

    /** What one line of a feed did. */
    record CountOutcome(boolean applied, Optional<FeedResult.Shortfall> shortfall) {
        public static final CountOutcome SUPERSEDED = new CountOutcome(false, Optional.empty());
    }
}
