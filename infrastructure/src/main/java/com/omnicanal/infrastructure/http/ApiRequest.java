package com.omnicanal.infrastructure.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** An API Gateway HTTP API (payload 2.0) request as the functions see it. */
public final class ApiRequest {
    private final APIGatewayV2HTTPEvent event;

    public ApiRequest(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    public String routeKey() {
        return event.getRouteKey();
    }

    public String path(String name) {
        var params = event.getPathParameters();
        var value = params == null ? null : params.get(name);
        if (value == null || value.isBlank()) {
            throw new ProblemException(Problem.validation(List.of(new FieldError(name, "is required in the path"))));
        }
        return value;
    }

    /** The path as the client sent it (what a webhook signature covers). */
    public String rawPath() {
        return event.getRawPath();
    }

    public String rawQueryString() {
        return event.getRawQueryString();
    }

    public Optional<String> query(String name) {
        var params = event.getQueryStringParameters();
        return Optional.ofNullable(params == null ? null : params.get(name));
    }

    public Optional<String> header(String name) {
        var headers = event.getHeaders();
        if (headers == null) return Optional.empty();
        return headers.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The JWT claims API Gateway's authorizer verified; empty on public routes. */
    public Map<String, String> claims() {
        var context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null) {
            return Map.of();
        }
        var claims = context.getAuthorizer().getJwt().getClaims();
        return claims == null ? Map.of() : claims;
    }

    /**
     * The body as text. API Gateway base64-encodes a body that is not plain text; its bytes must be UTF-8, else a 400:
     * a replacement character would be stored in place of what the client sent.
     */
    public String rawBody() {
        var body = event.getBody();
        if (body == null) return "";
        if (!event.getIsBase64Encoded()) return body;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Base64.getDecoder().decode(body))).toString();
        } catch (CharacterCodingException e) {
            throw new ProblemException(Problem.validation(List.of(new FieldError("body", "is not valid UTF-8"))));
        }
    }

    /** True when the JSON body gives this top-level field as null: in a PATCH that removes it, where absent keeps it. */
    public boolean nulled(String field) {
        try {
            var tree = Json.MAPPER.readTree(rawBody());
            return tree != null && tree.isObject() && tree.has(field) && tree.get(field).isNull();
        } catch (JsonProcessingException notJson) {
            return false;
        }
    }

    /** Parses the body strictly; any problem becomes a 400 that names the field. */
    public <T> T body(Class<T> type) {
        var raw = rawBody();
        if (raw.isBlank()) {
            throw new ProblemException(Problem.validation(List.of(new FieldError("body", "a JSON body is required"))));
        }
        com.fasterxml.jackson.databind.JsonNode tree;
        try {
            // syntax first, so a cut-off body is reported as such and not as its last field
            tree = Json.readRequest(raw);
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.validation(List.of(Json.problem(e))));
        }
        try {
            var value = Json.MAPPER.treeToValue(tree, type);
            if (value == null) {
                throw new ProblemException(Problem.validation(List.of(new FieldError("body", "must be a JSON object"))));
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            throw new ProblemException(Problem.validation(List.of(new FieldError(fieldPath(e), "is not a known field"))));
        } catch (JsonMappingException e) {
            var field = fieldPath(e);
            var message = field.equals("body") ? "must be a JSON object of the documented shape"
                    : e.getCause() instanceof InputCoercionException ? "is out of range" : "has the wrong type";
            throw new ProblemException(Problem.validation(List.of(new FieldError(field, message))));
        } catch (JsonProcessingException e) {
            throw new ProblemException(Problem.validation(List.of(new FieldError("body", "is not valid JSON"))));
        }
    }

    private static String fieldPath(JsonMappingException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) path.append('.');
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }
}
