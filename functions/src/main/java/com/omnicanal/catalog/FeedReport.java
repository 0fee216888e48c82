package com.omnicanal.catalog;

import java.time.Instant;
import java.util.List;

/**
 * What a feed did: products created, changed, left as they were, discontinued (sellable before, absent from the feed),
 * and the lines rejected with the reason (the first {@link #MAX_LISTED}; {@code rejected} counts them all).
 */
public record FeedReport(String feedId, Status status, int lines, int created, int changed, int unchanged,
                         int discontinued, int rejected, List<Rejection> rejections, Instant startedAt,
                         Instant completedAt) {
    public static final int MAX_LISTED = 1000;

    /** RUNNING until its last batch and the discontinuations are written; SUPERSEDED when a newer feed started since. */
    public enum Status { RUNNING, COMPLETE, SUPERSEDED }

    public record Rejection(int line, String sku, String reason) {
    }

    public FeedReport {
        rejections = List.copyOf(rejections);
    }

    /** The counts of a feed's batches, with what it discontinued. */
    static FeedReport of(String feedId, Status status, int lines, List<BatchResult> batches, int discontinued,
                         Instant startedAt, Instant completedAt) {
        int created = 0;
        int changed = 0;
        int unchanged = 0;
        int rejected = 0;
        var listed = new java.util.ArrayList<Rejection>();
        for (var batch : batches.stream().sorted(java.util.Comparator.comparingInt(BatchResult::batch)).toList()) {
            created += batch.created();
            changed += batch.changed();
            unchanged += batch.unchanged();
            rejected += batch.rejections().size();
            for (var r : batch.rejections()) if (listed.size() < MAX_LISTED) listed.add(r);
        }
        return new FeedReport(feedId, status, lines, created, changed, unchanged, discontinued, rejected, listed,
                startedAt, completedAt);
    }

    /** What one batch of lines did, recorded with its writes so that a run cut short resumes after it. */
    public record BatchResult(int batch, int created, int changed, int unchanged, List<Rejection> rejections) {
        public BatchResult {
            rejections = List.copyOf(rejections);
        }
    }
}
