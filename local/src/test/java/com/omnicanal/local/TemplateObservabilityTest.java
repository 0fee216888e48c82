package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.Functions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.shared.BusinessMetrics.Figure;
import com.omnicanal.shared.emf.EmbeddedBusinessMetrics;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's alarms and dashboard say what the code emits: every metric they name in our namespace is a figure
 * of BusinessMetrics with the dimensions it is written with; every API capability and every function is watched;
 * every alarm reaches the alarm topic and says what to do first.
 */
class TemplateObservabilityTest {
    private static final String NAMESPACE = "Omnicanal/${AWS::StackName}";
    private static final Pattern INSIGHTS = Pattern.compile(
            "SELECT \\w+\\((\\w+)\\) FROM SCHEMA\\(\"([^\"]+)\"(?:, *(\\w+))?\\)");
    private static Map<String, Object> resources;
    private static Map<String, Object> template;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws Exception {
        try (var in = new FileInputStream(Path.of("..", "template.yaml").toFile())) {
            template = TemplateRoutes.load(in);
        }
        resources = (Map<String, Object>) template.get("Resources");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(String name) {
        return (Map<String, Object>) ((Map<String, Object>) resources.get(name)).get("Properties");
    }

    private static List<String> ofType(String type) {
        return resources.entrySet().stream().filter(e -> type.equals(((Map<?, ?>) e.getValue()).get("Type")))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** A metric an alarm watches: namespace, name and the names and values of its dimensions. */
    private record Watched(String alarm, String namespace, String metric, Map<String, String> dimensions) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> dimensions(Object list) {
        var out = new java.util.TreeMap<String, String>();
        if (list != null) {
            for (var d : (List<Map<String, Object>>) list) out.put((String) d.get("Name"), String.valueOf(d.get("Value")));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Watched> watched() {
        var all = new ArrayList<Watched>();
        for (var alarm : ofType("AWS::CloudWatch::Alarm")) {
            var p = props(alarm);
            if (p.get("MetricName") != null) {
                all.add(new Watched(alarm, (String) p.get("Namespace"), (String) p.get("MetricName"), dimensions(p.get("Dimensions"))));
            }
            for (var query : (List<Map<String, Object>>) p.getOrDefault("Metrics", List.of())) {
                var stat = (Map<String, Object>) query.get("MetricStat");
                if (stat != null) {
                    var metric = (Map<String, Object>) stat.get("Metric");
                    all.add(new Watched(alarm, (String) metric.get("Namespace"), (String) metric.get("MetricName"),
                            dimensions(metric.get("Dimensions"))));
                }
                var m = INSIGHTS.matcher(String.valueOf(query.getOrDefault("Expression", "")));
                if (m.find()) {
                    all.add(new Watched(alarm, m.group(2), m.group(1),
                            m.group(3) == null ? Map.of() : Map.of(m.group(3), "*")));
                }
            }
        }
        return all;
    }

    @Test
    @SuppressWarnings("unchecked")
    void theFunctionsWriteTheirMetricsInTheNamespaceTheAlarmsWatch() {
        var globals = (Map<String, Object>) ((Map<String, Object>) template.get("Globals")).get("Function");
        var variables = (Map<String, Object>) ((Map<String, Object>) globals.get("Environment")).get("Variables");
        assertThat(variables.get("METRICS_NAMESPACE")).isEqualTo(NAMESPACE);
        var ours = watched().stream().filter(w -> w.namespace().startsWith("Omnicanal")).toList();
        assertThat(ours).isNotEmpty().allSatisfy(w -> assertThat(w.namespace()).as(w.alarm()).isEqualTo(NAMESPACE));
    }

    @Test
    void everyMetricTheAlarmsNameIsAFigureWithTheDimensionsItIsWrittenWith() {
        var figures = Arrays.stream(Figure.values()).collect(Collectors.toMap(Figure::metricName, f -> f));
        for (var w : watched()) {
            if (!w.namespace().equals(NAMESPACE)) continue;
            assertThat(figures).as("%s watches %s", w.alarm(), w.metric()).containsKey(w.metric());
            var sets = EmbeddedBusinessMetrics.dimensionSets(figures.get(w.metric())).stream()
                    .map(HashSet::new).toList();
            assertThat(sets).as("%s watches %s by %s", w.alarm(), w.metric(), w.dimensions().keySet())
                    .contains(new HashSet<>(w.dimensions().keySet()));
        }
    }

    @Test
    void everyApiCapabilityHasItsErrorRateAndLatencyAlarms() {
        var watched = watched();
        for (var function : Functions.values()) {
            if (!function.isHttp()) continue;
            var capability = Map.of("Capability", function.capability());
            assertThat(watched).as("5xx rate of %s", function.capability())
                    .anyMatch(w -> w.metric().equals("ApiServerErrors") && w.dimensions().equals(capability));
            assertThat(watched).as("latency of %s", function.capability())
                    .anyMatch(w -> w.metric().equals("ApiLatency") && w.dimensions().equals(capability));
        }
    }

    @Test
    void everyFunctionIsWatchedForErrorsAndThrottles() {
        var watched = watched();
        for (var function : ofType("AWS::Serverless::Function")) {
            for (var metric : List.of("Errors", "Throttles")) {
                assertThat(watched).as("%s of %s", metric, function).anyMatch(w -> w.namespace().equals("AWS/Lambda")
                        && w.metric().equals(metric) && w.dimensions().equals(Map.of("FunctionName", function)));
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlarmReachesTheTopicAndSaysWhatToDoFirst() {
        var parts = new HashSet<String>();
        for (var composite : ofType("AWS::CloudWatch::CompositeAlarm")) {
            var rule = String.valueOf(props(composite).get("AlarmRule"));
            var m = Pattern.compile("\\$\\{(\\w+)\\.Arn}").matcher(rule);
            while (m.find()) parts.add(m.group(1));
        }
        assertThat(parts).isNotEmpty();
        var alarms = new ArrayList<>(ofType("AWS::CloudWatch::Alarm"));
        alarms.addAll(ofType("AWS::CloudWatch::CompositeAlarm"));
        for (var alarm : alarms) {
            var p = props(alarm);
            if (parts.contains(alarm)) {
                assertThat(p).as(alarm + ": a part of a composite alarm notifies nobody").doesNotContainKey("AlarmActions");
                continue;
            }
            assertThat((List<Object>) p.get("AlarmActions")).as(alarm).containsExactly("MessagingAlarmTopic");
            assertThat(String.valueOf(p.get("AlarmDescription"))).as(alarm).contains("First:");
            assertThat(String.valueOf(p.get("AlarmDescription")).length()).as(alarm).isLessThanOrEqualTo(1024);
        }
        assertThat(props("MessagingAlarmTopic")).containsKey("KmsMasterKeyId");
    }

    @Test
    void theDashboardShowsEveryFigureAndEveryAlarm() throws Exception {
        var body = String.valueOf(props("OpsDashboard").get("DashboardBody"));
        // what CloudFormation substitutes, replaced by a placeholder: the rest must be the JSON CloudWatch reads
        var dashboard = Json.MAPPER.readTree(body.replaceAll("\\$\\{[^}]+}", "x"));
        assertThat(dashboard.get("widgets").size()).isGreaterThan(5);
        for (var figure : Figure.values()) assertThat(body).as(figure.name()).contains(figure.metricName());
        Set<String> shown = new HashSet<>();
        var m = Pattern.compile("\\$\\{(\\w+)\\.Arn}").matcher(body);
        while (m.find()) shown.add(m.group(1));
        var notifying = new ArrayList<>(ofType("AWS::CloudWatch::Alarm"));
        notifying.addAll(ofType("AWS::CloudWatch::CompositeAlarm"));
        notifying.removeIf(a -> !props(a).containsKey("AlarmActions"));
        assertThat(shown).containsExactlyInAnyOrderElementsOf(notifying);
    }
}
