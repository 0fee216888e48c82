package com.omnicanal.testing;

import com.omnicanal.infrastructure.metrics.EmbeddedMetrics;
import com.omnicanal.infrastructure.metrics.MetricLine;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.emf.EmbeddedBusinessMetrics;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real embedded-metric-format writer, its lines kept instead of printed, and read back as CloudWatch Logs reads
 * them: what a journey emitted, by metric and dimension values.
 */
public final class MetricLines {
    public static final String NAMESPACE = "Omnicanal/test";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final BusinessMetrics metrics;

    public MetricLines(Clock clock) {
        this.metrics = new EmbeddedBusinessMetrics(new EmbeddedMetrics(NAMESPACE, clock, lines::add));
    }

    public BusinessMetrics metrics() {
        return metrics;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Every metric line, parsed. */
    public List<MetricLine> parsed() {
        return lines.stream().map(line -> MetricLine.parse(line).orElseThrow(() -> new AssertionError("not EMF: " + line)))
                .toList();
    }

    /** The values written for a metric under exactly these dimensions ({@code Map.of()}: the total). */
    public List<Double> values(String metric, Map<String, String> dimensions) {
        return parsed().stream().flatMap(l -> l.points().stream())
                .filter(p -> p.metric().equals(metric) && p.dimensions().equals(dimensions))
                .map(MetricLine.Point::value).toList();
    }

    public double sum(String metric, Map<String, String> dimensions) {
        return values(metric, dimensions).stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The lines that carry this metric, whatever its dimensions. */
    public List<MetricLine> of(String metric) {
        return parsed().stream().filter(l -> l.points().stream().anyMatch(p -> p.metric().equals(metric))).toList();
    }

    public void clear() {
        lines.clear();
    }
}
