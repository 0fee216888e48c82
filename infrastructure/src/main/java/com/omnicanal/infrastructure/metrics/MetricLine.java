package com.omnicanal.infrastructure.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An embedded metric format line read back as CloudWatch Logs reads it: the metric values it carries, once per
 * dimension set. The local stack shows these, and tests check what a journey emitted, from the lines themselves.
 */
public record MetricLine(String namespace, long timestamp, List<Point> points, Map<String, String> properties) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One value of one metric under one combination of dimension values: what CloudWatch keeps a series for. */
    public record Point(String metric, String unit, Map<String, String> dimensions, double value) {
    }

    /** The line's metrics, or empty when it is not in embedded metric format (an ordinary log line). */
    public static Optional<MetricLine> parse(String line) {
        JsonNode root;
        try {
            root = JSON.readTree(line);
        } catch (Exception e) {
            return Optional.empty();
        }
        var directives = root == null ? null : root.path("_aws").get("CloudWatchMetrics");
        if (directives == null || !directives.isArray() || directives.isEmpty()) return Optional.empty();
        var points = new ArrayList<Point>();
        var names = new java.util.HashSet<String>();
        String namespace = null;
        for (var directive : directives) {
            namespace = directive.path("Namespace").asText();
            for (var metric : directive.path("Metrics")) {
                var name = metric.path("Name").asText();
                names.add(name);
                var value = root.get(name);
                if (value == null || !value.isNumber()) continue; // CloudWatch skips a metric without its value
                for (var set : directive.path("Dimensions")) {
                    var dimensions = new LinkedHashMap<String, String>();
                    for (var dimension : set) {
                        dimensions.put(dimension.asText(), root.path(dimension.asText()).asText());
                        names.add(dimension.asText());
                    }
                    points.add(new Point(name, metric.path("Unit").asText("None"), dimensions, value.asDouble()));
                }
            }
        }
        var properties = new LinkedHashMap<String, String>();
        root.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("_aws") && !names.contains(field.getKey()) && field.getValue().isValueNode()) {
                properties.put(field.getKey(), field.getValue().asText());
            }
        });
        return Optional.of(new MetricLine(namespace, root.path("_aws").path("Timestamp").asLong(), List.copyOf(points),
                properties));
    }
}
