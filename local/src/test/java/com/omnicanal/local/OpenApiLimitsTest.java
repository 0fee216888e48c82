package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * openapi.yaml states a limit for everything a client sends (the functions enforce exactly these, see RequestContract):
 * every string has a length bound, an enum or a bounded anchored pattern; every array a maxItems; every object either
 * refuses unknown fields or bounds its entries; every operation that creates or changes something documents 400.
 */
class OpenApiLimitsTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private Map<String, Object> document;

    @Test
    @SuppressWarnings("unchecked")
    void everyInputIsBounded() throws Exception {
        try (var in = new FileInputStream(Path.of("..", "openapi.yaml").toFile())) {
            document = new Yaml().load(in);
        }
        var unbounded = new ArrayList<String>();
        var paths = (Map<String, Map<String, Object>>) document.get("paths");
        paths.forEach((path, item) -> item.forEach((method, op) -> {
            if (!METHODS.contains(method)) return;
            var operation = (Map<String, Object>) op;
            var where = method.toUpperCase() + " " + path;
            var parameters = new ArrayList<Object>((List<Object>) operation.getOrDefault("parameters", List.of()));
            parameters.addAll((List<Object>) item.getOrDefault("parameters", List.of()));
            for (var p : parameters) {
                var parameter = resolve((Map<String, Object>) p);
                walk(where + " " + parameter.get("in") + " " + parameter.get("name"),
                        (Map<String, Object>) parameter.get("schema"), unbounded);
            }
            var documented = (Map<String, Object>) operation.get("responses");
            // what the gateway and RequestContract can answer before any handler runs must be documented
            if ((!parameters.isEmpty() || operation.get("requestBody") != null) && !documented.containsKey("400")) {
                unbounded.add(where + ": has inputs but documents no 400");
            }
            if (!List.of().equals(operation.get("security")) && !documented.containsKey("401")) {
                unbounded.add(where + ": needs a token but documents no 401");
            }
            if (operation.get("x-roles") != null && !documented.containsKey("403")) {
                unbounded.add(where + ": has x-roles but documents no 403");
            }
            var body = (Map<String, Object>) operation.get("requestBody");
            if (body != null) {
                var content = (Map<String, Map<String, Object>>) resolve(body).get("content");
                content.forEach((type, media) -> {
                    var schema = resolve((Map<String, Object>) media.get("schema"));
                    if (type.equals("application/x-www-form-urlencoded")) {
                        // a webhook form: Twilio adds parameters over time and signs them all, so unknown ones pass;
                        // each documented one is bounded
                        var fields = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                        fields.forEach((name, f) -> walk(where + " form." + name, (Map<String, Object>) f, unbounded));
                    } else {
                        walk(where + " body(" + type + ")", schema, unbounded);
                    }
                });
                var responses = (Map<String, Object>) operation.get("responses");
                if (!responses.containsKey("400")) unbounded.add(where + ": takes a body but documents no 400");
                // Router answers 415 to a body in a media type the operation does not declare
                if (!responses.containsKey("415")) unbounded.add(where + ": takes a body but documents no 415");
            }
        }));
        assertThat(unbounded).as("inputs openapi.yaml leaves unbounded").isEmpty();
    }

    @SuppressWarnings("unchecked")
    private void walk(String where, Map<String, Object> raw, List<String> unbounded) {
        if (raw == null) {
            unbounded.add(where + ": no schema");
            return;
        }
        var schema = resolve(raw);
        if (schema.get("allOf") instanceof List<?> all) {
            for (var part : all) walk(where, (Map<String, Object>) part, unbounded);
            return;
        }
        var type = String.valueOf(schema.get("type"));
        switch (type) {
            case "string" -> {
                var pattern = schema.get("pattern") instanceof String p ? p : null;
                var boundedPattern = pattern != null && pattern.startsWith("^") && pattern.endsWith("$")
                        && !pattern.matches(".*[^\\\\][+*].*");
                if (schema.get("maxLength") == null && schema.get("enum") == null && !boundedPattern) {
                    unbounded.add(where + ": string without maxLength, enum or bounded pattern");
                }
            }
            case "integer", "number" -> {
                if (schema.get("maximum") == null || schema.get("minimum") == null) {
                    unbounded.add(where + ": number without minimum and maximum");
                }
            }
            case "array" -> {
                if (schema.get("maxItems") == null) unbounded.add(where + ": array without maxItems");
                walk(where + "[]", (Map<String, Object>) schema.get("items"), unbounded);
            }
            case "object" -> {
                var additional = schema.get("additionalProperties");
                if (additional instanceof Map<?, ?> values) {
                    if (schema.get("maxProperties") == null) unbounded.add(where + ": map without maxProperties");
                    walk(where + "{}", (Map<String, Object>) values, unbounded);
                } else if (!Boolean.FALSE.equals(additional)) {
                    unbounded.add(where + ": object without additionalProperties: false");
                }
                var properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                properties.forEach((name, child) -> walk(where + "." + name, (Map<String, Object>) child, unbounded));
            }
            case "boolean" -> { }
            default -> unbounded.add(where + ": no type");
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> resolve(Map<String, Object> node) {
        var current = node;
        while (current.get("$ref") instanceof String ref) {
            Object target = document;
            for (var part : ref.substring(2).split("/")) target = ((Map<String, Object>) target).get(part);
            current = (Map<String, Object>) target;
        }
        return current;
    }
}
