package com.omnicanal.infrastructure.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks a request against openapi.yaml before any handler runs: path, query and header parameters and the JSON body
 * (types, required fields, enums, lengths, patterns, formats, ranges, item counts, unknown fields where the schema
 * says {@code additionalProperties: false}). The contract is the single source of the limits, so the document and the
 * code cannot disagree. It reads the subset of OpenAPI 3.0 schemas this project uses; anything else is ignored.
 */
public final class RequestContract {
    /** At most this many field errors are listed; a fuzzer's garbage should not produce a megabyte of problems. */
    static final int MAX_ERRORS = 20;
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+$");
    private static volatile RequestContract shared;

    private final Map<String, Object> document;
    private final Map<String, Pattern> patterns = new ConcurrentHashMap<>();

    private RequestContract(Map<String, Object> document) {
        this.document = document;
    }

    /** openapi.yaml from the classpath (the functions jar carries it), read once per container; empty if absent. */
    public static RequestContract shared() {
        var contract = shared;
        if (contract == null) {
            synchronized (RequestContract.class) {
                if (shared == null) shared = fromClasspath("openapi.yaml").warm();
                contract = shared;
            }
        }
        return contract;
    }

    /**
     * Checks one empty request per operation, so the classes and patterns the checks use are loaded now: the routers
     * are built during init (inside the SnapStart snapshot), not on a customer's first request.
     */
    @SuppressWarnings("unchecked")
    RequestContract warm() {
        if (document.get("paths") instanceof Map<?, ?> paths) {
            for (var entry : ((Map<String, Object>) paths).entrySet()) {
                for (var method : map(entry.getValue()).keySet()) {
                    var routeKey = method.toUpperCase(Locale.ROOT) + " " + entry.getKey();
                    if (operation(routeKey) == null) continue;
                    check(routeKey, Map.of(), Map.of(), Map.of(), "{\"warm\":[1,\"2026-11-23\",true,null]}");
                }
            }
        }
        return this;
    }

    public static RequestContract fromClasspath(String resource) {
        try (InputStream in = RequestContract.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? new RequestContract(Map.of()) : parse(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static RequestContract parse(InputStream yaml) {
        var options = new LoaderOptions();
        options.setCodePointLimit(8 * 1024 * 1024);
        Map<String, Object> document = new Yaml(options).load(yaml);
        return new RequestContract(document == null ? Map.of() : document);
    }

    /**
     * The roles openapi.yaml's {@code x-roles} lets call the route (role claim; customer when absent); empty when the
     * operation does not say, and then the function's own checks decide alone.
     */
    public java.util.Set<String> roles(String routeKey) {
        var operation = operation(routeKey);
        if (operation == null || !(operation.get("x-roles") instanceof List<?> roles)) return java.util.Set.of();
        var set = new java.util.TreeSet<String>();
        roles.forEach(r -> set.add(String.valueOf(r)));
        return set;
    }

    /** openapi.yaml's {@code x-idempotency} for the route: "response", "transactional", or empty. */
    public String idempotency(String routeKey) {
        var operation = operation(routeKey);
        return operation == null || operation.get("x-idempotency") == null ? "" : String.valueOf(operation.get("x-idempotency"));
    }

    /**
     * Content-Type, when a body comes in a media type the operation's requestBody does not declare (a 415); empty when
     * there is no body, the operation takes none, or the route is not described. JSON is {@code application/json} or
     * any {@code application/*+json}; a charset, if given, must be UTF-8 (RFC 8259).
     */
    public Optional<FieldError> mediaType(String routeKey, Map<String, String> headers, String body) {
        var operation = operation(routeKey);
        if (body == null || body.isEmpty() || operation == null || operation.get("requestBody") == null) {
            return Optional.empty();
        }
        var declared = map(resolve(map(operation.get("requestBody"))).get("content")).keySet();
        var header = get(headers, "Content-Type", true);
        if (header != null && declared.stream().anyMatch(type -> matches(type, header))) return Optional.empty();
        return Optional.of(new FieldError("Content-Type", "must be " + String.join(" or ", declared)));
    }

    private static boolean matches(String declared, String header) {
        var parts = header.split(";");
        var type = parts[0].trim().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            var eq = parts[i].indexOf('=');
            if (eq > 0 && parts[i].substring(0, eq).trim().equalsIgnoreCase("charset")
                    && !parts[i].substring(eq + 1).trim().replace("\"", "").equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        if (declared.equals("application/json")) {
            return type.equals(declared) || (type.startsWith("application/") && type.endsWith("+json"));
        }
        return type.equals(declared);
    }

    public boolean describes(String routeKey) {
        return operation(routeKey) != null;
    }

    /** Every problem with the request, as field errors; empty when it is valid or the route is not described. */
    @SuppressWarnings("unchecked")
    public List<FieldError> check(String routeKey, Map<String, String> pathParameters, Map<String, String> query,
                                  Map<String, String> headers, String body) {
        var errors = new ArrayList<FieldError>();
        var operation = operation(routeKey);
        if (operation == null) return errors;
        for (var parameter : parameters(routeKey, operation)) {
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
            var why = unacceptable(value);
            if (why != null) {
                errors.add(new FieldError(name, why));
                continue;
            }
            var schema = map(parameter.get("schema"));
            checkValue(textual(value, resolve(schema)), schema, name, errors);
        }
        var requestBody = operation.get("requestBody") == null ? null : resolve(map(operation.get("requestBody")));
        if (requestBody != null) {
            var content = map(requestBody.get("content"));
            var json = content.get("application/json");
            var form = content.get("application/x-www-form-urlencoded");
            var required = Boolean.TRUE.equals(requestBody.get("required"));
            if (json == null && form != null && body != null && !body.isBlank()) {
                // a webhook's form: each documented parameter is checked, others pass (Twilio adds new ones)
                var fields = Json.MAPPER.createObjectNode();
                try {
                    FormData.parse(body, false).forEach(fields::put);
                    checkValue(fields, map(map(form).get("schema")), "", errors);
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("body", "is not a valid form"));
                }
            } else if (json != null) {
                if (body == null || body.isBlank()) {
                    if (required) errors.add(new FieldError("body", "a JSON body is required"));
                } else {
                    JsonNode tree;
                    try {
                        tree = Json.readRequest(body);
                    } catch (JsonProcessingException e) {
                        tree = null;
                        errors.add(Json.problem(e));
                    }
                    if (tree != null) {
                        checkCharacters(tree, "", errors);
                        checkValue(tree, map(map(json).get("schema")), "", errors);
                    }
                }
            }
        }
        return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    }

    /** Whether the route requires this header (the Router refuses a transactional route that does not). */
    public boolean requiresHeader(String routeKey, String name) {
        var operation = operation(routeKey);
        return operation != null && parameters(routeKey, operation).stream().anyMatch(p -> "header".equals(p.get("in"))
                && name.equalsIgnoreCase((String) p.get("name")) && Boolean.TRUE.equals(p.get("required")));
    }

    /** The path item's parameters and the operation's, $refs resolved. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> parameters(String routeKey, Map<String, Object> operation) {
        var path = routeKey.substring(routeKey.indexOf(' ') + 1);
        var parameters = new ArrayList<Map<String, Object>>();
        var pathItem = (Map<String, Object>) map(document.get("paths")).get(path);
        for (var list : List.of(pathItem.getOrDefault("parameters", List.of()), operation.getOrDefault("parameters", List.of()))) {
            for (var p : (List<Object>) list) parameters.add(resolve(map(p)));
        }
        return parameters;
    }

    private static String get(Map<String, String> values, String name, boolean ignoreCase) {
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

    @SuppressWarnings("unchecked")
    private void checkValue(JsonNode node, Map<String, Object> raw, String field, List<FieldError> errors) {
        if (errors.size() > MAX_ERRORS || raw == null) return;
        var schema = resolve(raw);
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
        if (node.isArray()) {
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
        if (node.isObject()) {
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

    /** Every text in a body, whatever its schema says, and every field name. */
    private static void checkCharacters(JsonNode node, String field, List<FieldError> errors) {
        if (errors.size() > MAX_ERRORS) return;
        var name = field.isEmpty() ? "body" : field;
        if (node.isTextual()) {
            var why = unacceptable(node.textValue());
            if (why != null) errors.add(new FieldError(name, why));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) checkCharacters(node.get(i), name + "[" + i + "]", errors);
        } else if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var entry = fields.next();
                if (unacceptable(entry.getKey()) != null) {
                    // the name is not echoed: it is what cannot be shown
                    errors.add(new FieldError(name, "has a field name that contains a control character or a lone surrogate"));
                } else {
                    checkCharacters(entry.getValue(), prefix(field) + entry.getKey(), errors);
                }
            }
        }
    }

    /**
     * Why a text cannot be taken in as sent, or null. A lone surrogate cannot be stored (DynamoDB's UTF-8 makes it
     * "?"); control characters (NUL included) are refused everywhere but tab, line feed and carriage return, which
     * free text such as a comment may hold.
     */
    static String unacceptable(String text) {
        for (int i = 0; i < text.length(); i++) {
            var c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "is not valid Unicode (a lone surrogate)";
            } else if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "must not contain control characters";
            }
        }
        return null;
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

    private static String prefix(String field) {
        return field.isEmpty() ? "" : field + ".";
    }

    private static List<String> toList(JsonNode array) {
        var list = new ArrayList<String>();
        array.forEach(n -> list.add(n.toString()));
        return list;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> operation(String routeKey) {
        if (routeKey == null || routeKey.indexOf(' ') < 0) return null;
        var method = routeKey.substring(0, routeKey.indexOf(' ')).toLowerCase(Locale.ROOT);
        var path = routeKey.substring(routeKey.indexOf(' ') + 1);
        var paths = document.get("paths");
        if (!(paths instanceof Map<?, ?> all) || !(all.get(path) instanceof Map<?, ?> item)) return null;
        return item.get(method) instanceof Map<?, ?> op ? (Map<String, Object>) op : null;
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
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }
}
