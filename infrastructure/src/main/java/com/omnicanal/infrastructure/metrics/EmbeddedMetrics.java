package com.omnicanal.infrastructure.metrics;

import com.omnicanal.infrastructure.logging.StructuredLog;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes CloudWatch metrics in embedded metric format (EMF): one JSON line of the structured log per measure, which
 * CloudWatch Logs turns into the metric on Lambda, and which stays searchable in Logs Insights with its correlation id
 * and its context (properties that are not dimensions cost nothing). Written at once, not buffered: nothing is lost
 * when Lambda freezes the container after the answer. No AWS call and no library beyond Jackson, already loaded.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html">the format</a>
 */
public final class EmbeddedMetrics {
    /** CloudWatch's units for the metrics we write. */
    public enum Unit {
        COUNT("Count"), MILLISECONDS("Milliseconds");

        private final String cloudWatchName;

        Unit(String cloudWatchName) {
            this.cloudWatchName = cloudWatchName;
        }
    }

    /** A metric's value. */
    public record Value(String metric, Unit unit, double value) {
    }

    /**
     * Values of metrics that share their dimensions, written as one line. {@code dimensionSets}: the combinations of
     * dimension names CloudWatch keeps a series for (an empty set is the total with no dimension); each combination
     * of values is a metric billed on its own.
     */
    public record Measure(List<Value> values, List<List<String>> dimensionSets, Map<String, String> dimensions,
                          Map<String, String> properties) {
        public Measure {
            values = List.copyOf(values);
            if (values.isEmpty()) throw new IllegalArgumentException("a measure has at least one value");
            dimensionSets = dimensionSets.stream().map(List::copyOf).toList();
            dimensions = Map.copyOf(dimensions);
            properties = Map.copyOf(properties);
            for (var set : dimensionSets) {
                for (var name : set) {
                    var value = dimensions.get(name);
                    // CloudWatch drops a metric whose dimension has no value: a bug here must not go unseen
                    if (value == null || value.isBlank()) {
                        throw new IllegalArgumentException(values.get(0).metric() + " needs a " + name);
                    }
                }
            }
        }
    }

    private final String namespace;
    private final Clock clock;
    private final Consumer<String> lines;

    /** {@code lines}: where each JSON line goes ({@link StructuredLog#print} on Lambda; the local stack keeps a copy). */
    public EmbeddedMetrics(String namespace, Clock clock, Consumer<String> lines) {
        this.namespace = namespace;
        this.clock = clock;
        this.lines = lines;
    }

    /** Lines on the structured log's stream, where Lambda ships them to CloudWatch Logs. */
    public static EmbeddedMetrics onTheLog(String namespace, Clock clock) {
        return new EmbeddedMetrics(namespace, clock, StructuredLog::print);
    }

    public String namespace() {
        return namespace;
    }

    public void put(Measure measure) {
        var at = clock.instant();
        var fields = new LinkedHashMap<String, Object>();
        // in the order the specification lists them, for a person reading the line
        var directive = new LinkedHashMap<String, Object>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", measure.dimensionSets());
        directive.put("Metrics", measure.values().stream().map(v -> {
            var definition = new LinkedHashMap<String, Object>();
            definition.put("Name", v.metric());
            definition.put("Unit", v.unit().cloudWatchName);
            return definition;
        }).toList());
        var metadata = new LinkedHashMap<String, Object>();
        metadata.put("Timestamp", at.toEpochMilli());
        metadata.put("CloudWatchMetrics", List.of(directive));
        fields.put("_aws", metadata);
        var described = new ArrayList<String>();
        for (var v : measure.values()) {
            var number = v.value() == Math.rint(v.value()) ? (Object) (long) v.value() : (Object) v.value();
            fields.put(v.metric(), number);
            described.add(v.metric() + "=" + number);
        }
        new java.util.TreeMap<>(measure.dimensions()).forEach((name, value) -> {
            fields.put(name, value);
            described.add(name + "=" + value);
        });
        measure.properties().forEach(fields::putIfAbsent);
        var message = "metric " + String.join(" ", described);
        lines.accept(StructuredLog.line(at, "metrics", message, fields));
    }
}
