package com.omnicanal.infrastructure.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** The route table of openapi.yaml: the operation a route key names, its parameters, and local $refs resolved. */
final class OpenApiDocument {
    private final Map<String, Object> document;

    OpenApiDocument(Map<String, Object> document) {
        this.document = document;
    }

    /** Every route key ("METHOD /path") the document describes an operation for. */
    List<String> routeKeys() {
        var keys = new ArrayList<String>();
        if (document.get("paths") instanceof Map<?, ?> paths) {
            for (var entry : map(paths).entrySet()) {
                for (var method : map(entry.getValue()).keySet()) {
                    var routeKey = method.toUpperCase(Locale.ROOT) + " " + entry.getKey();
                    if (operation(routeKey) != null) keys.add(routeKey);
                }
            }
        }
        return keys;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> operation(String routeKey) {
        if (routeKey == null || routeKey.indexOf(' ') < 0) return null;
        var method = routeKey.substring(0, routeKey.indexOf(' ')).toLowerCase(Locale.ROOT);
        var path = routeKey.substring(routeKey.indexOf(' ') + 1);
        var paths = document.get("paths");
        if (!(paths instanceof Map<?, ?> all) || !(all.get(path) instanceof Map<?, ?> item)) return null;
        return item.get(method) instanceof Map<?, ?> op ? (Map<String, Object>) op : null;
    }

    /** The path item's parameters and the operation's, $refs resolved. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> parameters(String routeKey, Map<String, Object> operation) {
        var path = routeKey.substring(routeKey.indexOf(' ') + 1);
        var parameters = new ArrayList<Map<String, Object>>();
        var pathItem = (Map<String, Object>) map(document.get("paths")).get(path);
        for (var list : List.of(pathItem.getOrDefault("parameters", List.of()), operation.getOrDefault("parameters", List.of()))) {
            for (var p : (List<Object>) list) parameters.add(resolve(map(p)));
        }
        return parameters;
    }

    /** Follows local $refs ('#/components/...'). */
    @SuppressWarnings("unchecked")
    Map<String, Object> resolve(Map<String, Object> node) {
        var current = node;
        for (int depth = 0; depth < 16 && current != null && current.get("$ref") instanceof String ref; depth++) {
            Object target = document;
            for (var part : ref.substring(2).split("/")) target = target instanceof Map<?, ?> m ? m.get(part) : null;
            current = (Map<String, Object>) Objects.requireNonNull(target, "unresolved " + ref);
        }
        return current == null ? Map.of() : current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }
}
