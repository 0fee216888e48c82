package com.omnicanal.infrastructure.http;

import static com.omnicanal.infrastructure.http.OpenApiDocument.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Checks a request's path, query and header parameters against the ones its operation declares. */
record RequestParameters(OpenApiDocument document, SchemaCheck schemas) {
    void check(String routeKey, Map<String, Object> operation, Map<String, String> pathParameters,
               Map<String, String> query, Map<String, String> headers, List<FieldError> errors) {
        for (var parameter : document.parameters(routeKey, operation)) {
            var name = (String) parameter.get("name");
            var in = (String) parameter.get("in");
            var value = switch (in) {
                case "path" -> get(pathParameters, name, false);
                case "query" -> get(query, name, false);
                case "header" -> get(headers, name, true);
                default -> null;
            };
            var required = Boolean.TRUE.equals(parameter.get("required"));
            if (value == null) {
                if (required) errors.add(new FieldError(name, "is required" + (in.equals("header") ? " as a header" : "")));
                continue;
            }
            var why = AcceptableText.unacceptable(value);
            if (why != null) {
                errors.add(new FieldError(name, why));
                continue;
            }
            var schema = map(parameter.get("schema"));
            schemas.checkValue(textual(value, document.resolve(schema)), schema, name, errors);
        }
    }

    /** Whether the operation requires this header. */
    boolean requiresHeader(String routeKey, Map<String, Object> operation, String name) {
        return document.parameters(routeKey, operation).stream().anyMatch(p -> "header".equals(p.get("in"))
                && name.equalsIgnoreCase((String) p.get("name")) && Boolean.TRUE.equals(p.get("required")));
    }

    /** A value by name; header names are case-insensitive. */
    static String get(Map<String, String> values, String name, boolean ignoreCase) {
        if (values == null) return null;
        if (!ignoreCase) return values.get(name);
        return values.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** A parameter arrives as text: read it as the type its schema declares, so a range check can apply. */
    private static JsonNode textual(String value, Map<String, Object> schema) {
        var type = schema.get("type");
        if ("integer".equals(type) || "number".equals(type)) {
            try {
                return "integer".equals(type) ? Json.MAPPER.getNodeFactory().numberNode(new java.math.BigInteger(value.trim()))
                        : Json.MAPPER.getNodeFactory().numberNode(new java.math.BigDecimal(value.trim()));
            } catch (NumberFormatException e) {
                return Json.MAPPER.getNodeFactory().textNode(value);
            }
        }
        if ("boolean".equals(type) && (value.equals("true") || value.equals("false"))) {
            return Json.MAPPER.getNodeFactory().booleanNode(Boolean.parseBoolean(value));
        }
        return Json.MAPPER.getNodeFactory().textNode(value);
    }
}
