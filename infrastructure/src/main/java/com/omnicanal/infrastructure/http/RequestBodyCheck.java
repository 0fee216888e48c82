package com.omnicanal.infrastructure.http;

import static com.omnicanal.infrastructure.http.OpenApiDocument.map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Checks a request's body against its operation's requestBody: the media type, then the JSON or form content. */
record RequestBodyCheck(OpenApiDocument document, SchemaCheck schemas) {
    /** Content-Type, when a body comes in a media type the operation's requestBody does not declare. */
    Optional<FieldError> mediaType(Map<String, Object> operation, Map<String, String> headers, String body) {
        if (body == null || body.isEmpty() || operation == null || operation.get("requestBody") == null) {
            return Optional.empty();
        }
        var declared = map(document.resolve(map(operation.get("requestBody"))).get("content")).keySet();
        var header = RequestParameters.get(headers, "Content-Type", true);
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

    void check(Map<String, Object> operation, String body, List<FieldError> errors) {
        var requestBody = operation.get("requestBody") == null ? null : document.resolve(map(operation.get("requestBody")));
        if (requestBody == null) return;
        var content = map(requestBody.get("content"));
        var json = content.get("application/json");
        var form = content.get("application/x-www-form-urlencoded");
        var required = Boolean.TRUE.equals(requestBody.get("required"));
        if (json == null && form != null && body != null && !body.isBlank()) {
            // a webhook's form: each documented parameter is checked, others pass (Twilio adds new ones)
            var fields = Json.MAPPER.createObjectNode();
            try {
                FormData.parse(body, false).forEach(fields::put);
                schemas.checkValue(fields, map(map(form).get("schema")), "", errors);
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
                    AcceptableText.checkCharacters(tree, "", errors);
                    schemas.checkValue(tree, map(map(json).get("schema")), "", errors);
                }
            }
        }
    }
}
