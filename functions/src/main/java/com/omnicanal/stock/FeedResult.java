package com.omnicanal.stock;

import java.util.List;

/**
 * What a stock feed did: applied (with the lines where the count was below the units held), or stale. Lines applied
 * include those that already held their count ({@code linesUnchanged}: not written).
 */
public record FeedResult(String storeId, long feedSequence, boolean applied, Integer linesApplied, Integer linesUnchanged,
                         List<Shortfall> shortfalls, Long lastAppliedSequence, String reason) {

    /** The store counted fewer units than customers hold: the holds are kept and staff should look. */
    public record Shortfall(String sku, int onHand, int reserved) {
    }

    public static FeedResult applied(String storeId, long seq, int lines, int unchanged, List<Shortfall> shortfalls) {
        return new FeedResult(storeId, seq, true, lines, unchanged, List.copyOf(shortfalls), null, null);
    }

    public static FeedResult stale(String storeId, long seq, long lastApplied) {
        return new FeedResult(storeId, seq, false, null, null, null, lastApplied, "stale");
    }
}
