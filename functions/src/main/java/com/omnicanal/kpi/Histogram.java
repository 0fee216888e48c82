package com.omnicanal.kpi;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A duration counted in fixed buckets, so that day rows add up into any period and store and percentiles come from
 * the sums: a percentile is the upper bound of the bucket that holds it (the last bound when beyond every bucket).
 */
public enum Histogram {
    /** From placed to ready, in minutes. */
    TIME_TO_READY(Duration.ofMinutes(1), List.of(15, 30, 45, 60, 90, 120, 180, 240, 360, 480, 720, 1440, 2880)),
    /** From received to refunded, in hours. */
    TIME_TO_REFUND(Duration.ofHours(1), List.of(1, 2, 4, 8, 12, 24, 48, 72, 120, 168, 336, 720));

    private final Duration unit;
    private final List<Integer> bounds;

    Histogram(Duration unit, List<Integer> bounds) {
        this.unit = unit;
        this.bounds = bounds;
    }

    public List<Integer> bounds() {
        return bounds;
    }

    /** Buckets: one per bound (at most that many units), and one beyond the last. */
    public int buckets() {
        return bounds.size() + 1;
    }

    /** The bucket a duration falls in (a negative one, from skewed clocks, in the first). */
    public int bucketOf(Duration duration) {
        long units = Math.max(0, ceilDiv(duration.toMillis(), unit.toMillis()));
        for (int i = 0; i < bounds.size(); i++) {
            if (units <= bounds.get(i)) return i;
        }
        return bounds.size();
    }

    /** The stored name of a bucket's counter. */
    public String key(int bucket) {
        return name() + "_" + bucket;
    }

    /**
     * The nearest-rank percentile {@code p} (0 < p <= 1) of the durations counted in {@code counts}, as its bucket's
     * upper bound in this histogram's unit; null when nothing was counted.
     */
    public Integer percentile(Map<String, Long> counts, double p) {
        long total = 0;
        for (int i = 0; i < buckets(); i++) total += counts.getOrDefault(key(i), 0L);
        if (total == 0) return null;
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < buckets(); i++) {
            seen += counts.getOrDefault(key(i), 0L);
            if (seen >= Math.max(1, rank)) return bounds.get(Math.min(i, bounds.size() - 1));
        }
        return bounds.get(bounds.size() - 1);
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
