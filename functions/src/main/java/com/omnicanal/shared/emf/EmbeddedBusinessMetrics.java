package com.omnicanal.shared.emf;

import com.omnicanal.infrastructure.metrics.EmbeddedMetrics;
import com.omnicanal.shared.BusinessMetrics;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The business figures as CloudWatch embedded metric format lines (one per figure told), dimensions as each says. */
public final class EmbeddedBusinessMetrics implements BusinessMetrics {
    private static final Logger LOG = Logger.getLogger(EmbeddedBusinessMetrics.class.getName());

    private final EmbeddedMetrics metrics;

    public EmbeddedBusinessMetrics(EmbeddedMetrics metrics) {
        this.metrics = metrics;
    }

    /** The CloudWatch dimension name of a breakdown (template.yaml's alarms and dashboard use the same). */
    public static String dimension(Breakdown breakdown) {
        return switch (breakdown) {
            case NONE -> null;
            case STORE -> "StoreId";
            case CHANNEL -> "Channel";
            case CAPABILITY -> "Capability";
        };
    }

    /** The dimension sets CloudWatch keeps a series for: none, the breakdown, or the breakdown and the total. */
    public static List<List<String>> dimensionSets(Figure figure) {
        var name = dimension(figure.breakdown());
        if (name == null) return List.of(List.of());
        return figure.alsoInAll() ? List.of(List.of(name), List.of()) : List.of(List.of(name));
    }

    @Override
    public void record(Figure figure, long value, String by, Map<String, String> context) {
        recordAll(Map.of(figure, value), by, context);
    }

    /** One line for figures of the same breakdown and dimension sets (an API request's error flag and latency). */
    @Override
    public void recordAll(Map<Figure, Long> values, String by, Map<String, String> context) {
        var figures = new java.util.TreeMap<Figure, Long>(values);
        var first = figures.firstKey();
        try {
            for (var figure : figures.keySet()) {
                if (!dimensionSets(figure).equals(dimensionSets(first))) {
                    throw new IllegalArgumentException(figure + " and " + first + " are not broken down alike");
                }
            }
            var name = dimension(first.breakdown());
            var written = figures.entrySet().stream().map(e -> new EmbeddedMetrics.Value(e.getKey().metricName(),
                    e.getKey().kind() == Kind.MILLISECONDS ? EmbeddedMetrics.Unit.MILLISECONDS : EmbeddedMetrics.Unit.COUNT,
                    e.getValue())).toList();
            metrics.put(new EmbeddedMetrics.Measure(written, dimensionSets(first),
                    name == null ? Map.of() : Map.of(name, by == null ? "" : by), context));
        } catch (RuntimeException e) {
            // a figure is told after its change committed: failing to write it must not fail what already happened
            LOG.log(Level.WARNING, "metric " + first.metricName() + " not written", e);
        }
    }
}
