package com.omnicanal.local;

import com.omnicanal.infrastructure.logging.StructuredLog;
import com.omnicanal.infrastructure.metrics.MetricLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The metrics the functions would have sent to CloudWatch: every embedded-metric-format line is printed as on Lambda
 * and read back here, summed per series (metric and dimension values) as CloudWatch would keep them, for
 * {@code GET /_local/metrics}.
 */
final class LocalMetrics {
    /** One series since the stack started: the sum and number of its values, the last and the largest. */
    record Series(String metric, Map<String, String> dimensions, String unit, double sum, long samples, double last,
                  double max) {
    }

    private final Map<String, Series> series = new ConcurrentHashMap<>();

    /** What the functions write: printed where the log goes, and counted. */
    void write(String line) {
        StructuredLog.print(line);
        MetricLine.parse(line).ifPresent(parsed -> parsed.points().forEach(this::add));
    }

    private void add(MetricLine.Point point) {
        var dimensions = new TreeMap<>(point.dimensions());
        series.merge(point.metric() + dimensions, new Series(point.metric(), dimensions, point.unit(), point.value(), 1,
                point.value(), point.value()), (a, b) -> new Series(a.metric(), a.dimensions(), a.unit(),
                a.sum() + b.sum(), a.samples() + b.samples(), b.last(), Math.max(a.max(), b.max())));
    }

    /** Sorted by metric, then by dimensions (the total, with none, first). */
    List<Series> series() {
        var all = new ArrayList<>(series.values());
        all.sort(java.util.Comparator.comparing(Series::metric).thenComparing(s -> s.dimensions().toString()));
        return all;
    }
}
