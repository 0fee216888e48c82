package com.omnicanal.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The HTTP routes and the stream event sources template.yaml declares, read from the template itself so the local
 * gateway and stream pollers cannot drift from it.
 */
public final class TemplateRoutes {

    /** One HttpApi event of a function: method, path template, the function's definition name, and whether it is public. */
    public record Route(String method, String path, String function, boolean isPublic, Pattern pattern, List<String> params) {
        public String routeKey() {
            return method + " " + path;
        }

        public Optional<Map<String, String>> match(String requestPath) {
            Matcher m = pattern.matcher(requestPath);
            if (!m.matches()) return Optional.empty();
            var values = new java.util.LinkedHashMap<String, String>();
            for (int i = 0; i < params.size(); i++) {
                values.put(params.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
            }
            return Optional.of(values);
        }
    }

    private TemplateRoutes() {
    }

    public static List<Route> fromClasspath() {
        return routes(templateFromClasspath());
    }

    private static Map<String, Object> templateFromClasspath() {
        try (var in = TemplateRoutes.class.getClassLoader().getResourceAsStream("template.yaml")) {
            if (in == null) throw new IllegalStateException("template.yaml is not on the classpath");
            return load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The whole template as plain maps, with CloudFormation's short-form tags (!Ref, !GetAtt...) kept as their values. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(InputStream in) {
        return (Map<String, Object>) new Yaml(new CloudFormationConstructor()).load(in);
    }

    public static List<Route> parse(InputStream in) {
        return routes(load(in));
    }

    private static List<Route> routes(Map<String, Object> template) {
        var routes = new ArrayList<Route>();
        events(template, "HttpApi", (function, p) -> {
            @SuppressWarnings("unchecked")
            var auth = (Map<String, Object>) p.getOrDefault("Auth", Map.of());
            boolean isPublic = "NONE".equals(auth.get("Authorizer"));
            routes.add(route(((String) p.get("Method")).toUpperCase(), (String) p.get("Path"), function, isPublic));
        });
        // like API Gateway, a literal segment wins over a path parameter: /feedback/prompt before /feedback/{token}
        routes.sort(java.util.Comparator.comparingLong(r -> r.path().chars().filter(c -> c == '{').count()));
        return routes;
    }

    /** Each event of this type of every function, with the function's definition name and the event's properties. */
    @SuppressWarnings("unchecked")
    private static void events(Map<String, Object> template, String type,
                               java.util.function.BiConsumer<String, Map<String, Object>> each) {
        var resources = (Map<String, Object>) template.get("Resources");
        for (var resource : resources.values()) {
            var r = (Map<String, Object>) resource;
            if (!"AWS::Serverless::Function".equals(r.get("Type"))) continue;
            var props = (Map<String, Object>) r.get("Properties");
            var env = (Map<String, Object>) ((Map<String, Object>) props.getOrDefault("Environment", Map.of()))
                    .getOrDefault("Variables", Map.of());
            var function = (String) env.get("SPRING_CLOUD_FUNCTION_DEFINITION");
            var events = (Map<String, Object>) props.getOrDefault("Events", Map.of());
            for (var event : events.values()) {
                var e = (Map<String, Object>) event;
                if (type.equals(e.get("Type"))) each.accept(function, (Map<String, Object>) e.get("Properties"));
            }
        }
    }

    /** A function fed by a table's stream (DynamoDB event source), with the filter patterns of its event source. */
    public record StreamConsumer(String function, String table, List<String> filters) {
    }

    /** The stream event sources of template.yaml; {@code table} is the logical id of the table whose stream it reads. */
    @SuppressWarnings("unchecked")
    public static List<StreamConsumer> streamConsumers(Map<String, Object> template) {
        var consumers = new ArrayList<StreamConsumer>();
        events(template, "DynamoDB", (function, p) -> {
            // !GetAtt OutboxTable.StreamArn reads as "OutboxTable.StreamArn"
            var table = ((String) p.get("Stream")).split("\\.")[0];
            var criteria = (Map<String, Object>) p.getOrDefault("FilterCriteria", Map.of());
            var filters = ((List<Map<String, Object>>) criteria.getOrDefault("Filters", List.of())).stream()
                    .map(f -> (String) f.get("Pattern")).toList();
            consumers.add(new StreamConsumer(function, table, filters));
        });
        return consumers;
    }

    public static List<StreamConsumer> streamConsumersFromClasspath() {
        return streamConsumers(templateFromClasspath());
    }

    static Route route(String method, String path, String function, boolean isPublic) {
        var params = new ArrayList<String>();
        var regex = new StringBuilder();
        var m = Pattern.compile("\\{([^}/]+)}").matcher(path);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(path.substring(last)));
        return new Route(method, path, function, isPublic, Pattern.compile(regex.toString()), List.copyOf(params));
    }

    /** Reads !Ref, !Sub, !GetAtt and friends as the plain value they carry. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (node instanceof ScalarNode scalar) return constructScalar(scalar);
                    if (node instanceof SequenceNode seq) return constructSequence(seq);
                    return constructMapping((MappingNode) node);
                }
            });
        }
    }
}
