package com.omnicanal.stock;

import java.time.Instant;
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
     * Begins applying a store's feed (conditional write): refused when this store has applied or begun a newer one, so
     * a late feed never starts once a newer one has. Says whether an older feed may still be writing its lines.
     */
    default FeedClaim claimFeed(String storeId, long feedSequence, Instant now) {
        long last = lastAppliedFeed(storeId);
        // without a record of the feeds under way, assume one is: every line is then written, as before
        return feedSequence <= last ? FeedClaim.refused(last) : new FeedClaim(true, last, true);
    }

    /** The on-hand counts of these SKUs at the store, read consistently; SKUs with no item there are absent. */
    default Map<String, Integer> onHandAt(String storeId, Collection<String> skus) {
        var counts = new java.util.HashMap<String, Integer>();
        levels(skus, List.of(storeId)).forEach(l -> counts.put(l.sku(), l.onHand()));
        return counts;
    }

    /** {@link #applyCount} for each line, in the lines' order of outcomes; the lines are independent items. */
    default List<CountOutcome> applyCounts(String storeId, long feedSequence, List<StockFeed.Line> lines) {
        return lines.stream().map(l -> applyCount(storeId, feedSequence, l.sku(), l.onHand())).toList();
    }

    /**
     * Sets on-hand from a count, never below the units held, unless the item already carries this or a newer feed
     * (conditional write: a late feed never overwrites a newer count, a replay changes nothing).
     */
    CountOutcome applyCount(String storeId, long feedSequence, String sku, int onHand);

    /** Records the feed as applied, unless a newer one was recorded meanwhile, and ends its claim. */
    void recordFeed(String storeId, long feedSequence);

    /**
     * A feed's claim: refused (then {@code newest} is the newest feed applied or begun), or granted; when
     * {@code olderInFlight}, an older feed of the store may still write lines, so none may be skipped as unchanged.
     */
    record FeedClaim(boolean claimed, long newest, boolean olderInFlight) {
        public static FeedClaim refused(long newest) {
            return new FeedClaim(false, newest, false);
        }
    }

    /** What one line of a feed did. */
    record CountOutcome(boolean applied, Optional<FeedResult.Shortfall> shortfall) {
        public static final CountOutcome SUPERSEDED = new CountOutcome(false, Optional.empty());
    }
}
