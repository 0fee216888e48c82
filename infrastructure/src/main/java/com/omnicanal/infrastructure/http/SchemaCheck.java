package com.omnicanal.infrastructure.http;

import static com.omnicanal.infrastructure.http.OpenApiDocument.map;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks a JSON value against an OpenAPI 3.0 schema of openapi.yaml: types, required fields, enums, lengths, patterns,
 * formats, ranges, item counts, unknown fields where the schema says {@code additionalProperties: false}.
 */
final class SchemaCheck {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");

    private final OpenApiDocument document;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    SchemaCheck(OpenApiDocument document) {
        this.document = document;
    }

    @SuppressWarnings("unchecked")
    void checkValue(JsonNode node, Map<String, Object> raw, String field, List<FieldError> errors) {
        if (errors.size() > RequestContract.MAX_ERRORS || raw == null) return;
        var schema = document.resolve(raw);
        var name = field.isEmpty() ? "body" : field;
        // nullable beside allOf: [$ref] is OpenAPI 3.0's nullable reference: null passes, an object is checked as referenced
        if (node.isNull() && Boolean.TRUE.equals(schema.get("nullable"))) return;
        if (schema.get("allOf") instanceof List<?> all) {
            for (var part : all) checkValue(node, map(part), field, errors);
        }
        if (node.isNull()) {
            if (!Boolean.TRUE.equals(schema.get("nullable")) && schema.get("type") != null) {
                errors.add(new FieldError(name, "must not be null"));
            }
            return;
        }
        var type = (String) schema.get("type");
        if (type != null && !hasType(node, type)) {
            errors.add(new FieldError(name, "must be " + article(type)
                    + (node.isNumber() && "integer".equals(type) ? ", written without a fraction or exponent" : "")));
            return;
        }
        if (schema.get("enum") instanceof List<?> values) {
            var allowed = values.stream().map(String::valueOf).toList();
            if (!allowed.contains(node.isTextual() ? node.textValue() : node.toString())) {
                errors.add(new FieldError(name, "must be one of " + String.join(", ", allowed)));
            }
        }
        if (node.isTextual()) checkText(node.textValue(), schema, name, errors);
        if (node.isNumber()) checkNumber(node, schema, name, errors);
        if (node.isArray()) checkArray(node, schema, name, errors);
        if (node.isObject()) checkObject(node, schema, field, name, errors);
    }

    private void checkArray(JsonNode node, Map<String, Object> schema, String name, List<FieldError> errors) {
        if (schema.get("minItems") instanceof Number min && node.size() < min.intValue()) {
            errors.add(new FieldError(name, "must have at least " + min + " item" + (min.intValue() == 1 ? "" : "s")));
        }
        if (schema.get("maxItems") instanceof Number max && node.size() > max.intValue()) {
            errors.add(new FieldError(name, "must have at most " + max + " items"));
            return;
        }
        if (Boolean.TRUE.equals(schema.get("uniqueItems")) && new HashSet<>(toList(node)).size() < node.size()) {
            errors.add(new FieldError(name, "must not repeat an item"));
        }
        var items = schema.get("items");
        for (int i = 0; i < node.size(); i++) checkValue(node.get(i), map(items), name + "[" + i + "]", errors);
    }

    @SuppressWarnings("unchecked")
    private void checkObject(JsonNode node, Map<String, Object> schema, String field, String name, List<FieldError> errors) {
        var properties = schema.get("properties") == null ? Map.<String, Object>of() : map(schema.get("properties"));
        if (schema.get("required") instanceof List<?> required) {
            for (var r : required) {
                if (!node.has((String) r)) errors.add(new FieldError(prefix(field) + r, "is required"));
            }
        }
        var additional = schema.get("additionalProperties");
        var names = node.fieldNames();
        while (names.hasNext()) {
            var key = names.next();
            var child = prefix(field) + key;
            if (properties.containsKey(key)) {
                checkValue(node.get(key), map(properties.get(key)), child, errors);
            } else if (Boolean.FALSE.equals(additional)) {
                errors.add(new FieldError(child, "is not a known field"));
            } else if (additional instanceof Map<?, ?> valueSchema) {
                checkValue(node.get(key), (Map<String, Object>) valueSchema, child, errors);
            }
        }
        if (schema.get("maxProperties") instanceof Number max && node.size() > max.intValue()) {
            errors.add(new FieldError(name, "must have at most " + max + " entries"));
        }
        if (schema.get("minProperties") instanceof Number min && node.size() < min.intValue()) {
            errors.add(new FieldError(name, "must have at least " + min + " entries"));
        }
    }

    private void checkText(String text, Map<String, Object> schema, String name, List<FieldError> errors) {
        var length = text.codePointCount(0, text.length());
        if (schema.get("minLength") instanceof Number min && length < min.intValue()) {
            errors.add(new FieldError(name, min.intValue() == 1 ? "must not be empty" : "must be at least " + min + " characters"));
        }
        if (schema.get("maxLength") instanceof Number max && length > max.intValue()) {
            errors.add(new FieldError(name, "must be at most " + max + " characters"));
            return;
        }
        if (schema.get("pattern") instanceof String regex
                && !patterns.computeIfAbsent(regex, Pattern::compile).matcher(text).find()) {
            errors.add(new FieldError(name, "must match " + regex));
        }
        if (schema.get("format") instanceof String format && !formatted(text, format)) {
            errors.add(new FieldError(name, "must be a valid " + format));
        }
    }

    private static void checkNumber(JsonNode node, Map<String, Object> schema, String name, List<FieldError> errors) {
        var before = errors.size();
        var value = node.decimalValue();
        if (schema.get("minimum") instanceof Number min) {
            var bound = new java.math.BigDecimal(min.toString());
            var exclusive = Boolean.TRUE.equals(schema.get("exclusiveMinimum"));
            if (exclusive ? value.compareTo(bound) <= 0 : value.compareTo(bound) < 0) {
                errors.add(new FieldError(name, "must be " + (exclusive ? "above " : "at least ") + min));
            }
        }
        if (schema.get("maximum") instanceof Number max) {
            var bound = new java.math.BigDecimal(max.toString());
            var exclusive = Boolean.TRUE.equals(schema.get("exclusiveMaximum"));
            if (exclusive ? value.compareTo(bound) >= 0 : value.compareTo(bound) > 0) {
                errors.add(new FieldError(name, "must be " + (exclusive ? "below " : "at most ") + max));
            }
        }
        if (errors.size() == before && !representable(node, schema)) errors.add(new FieldError(name, "is out of range"));
    }

    /**
     * Whether the handler can take the number exactly as sent: an integer within its format (int32, else int64); any
     * other number finite as a double and not rounded to zero (a double makes 1e309 infinite and 1e-400 zero).
     */
    private static boolean representable(JsonNode node, Map<String, Object> schema) {
        if ("integer".equals(schema.get("type"))) {
            return "int32".equals(schema.get("format")) ? node.canConvertToInt() : node.canConvertToLong();
        }
        var value = node.doubleValue();
        return Double.isFinite(value) && (value != 0 || node.decimalValue().signum() == 0);
    }

    private static boolean formatted(String text, String format) {
        try {
            switch (format.toLowerCase(Locale.ROOT)) {
                case "date-time" -> OffsetDateTime.parse(text);
                case "date" -> LocalDate.parse(text);
                case "email" -> {
                    return EMAIL.matcher(text).matches();
                }
                default -> {
                    return true;
                }
            }
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean hasType(JsonNode node, String type) {
        return switch (type) {
            case "string" -> node.isTextual();
            // OpenAPI 3.0's JSON Schema: a number without a fraction or exponent part (1.0 and 1e2 are not integers)
            case "integer" -> node.isIntegralNumber();
            case "number" -> node.isNumber();
            case "boolean" -> node.isBoolean();
            case "array" -> node.isArray();
            case "object" -> node.isObject();
            default -> true;
        };
    }

    private static String article(String type) {
        return switch (type) {
            case "integer", "array", "object" -> "an " + type;
            default -> "a " + type;
        };
    }

    static String prefix(String field) {
        return field.isEmpty() ? "" : field + ".";
    }

    private static List<String> toList(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.toString()));
        return list;
    }
}
