package com.omnicanal.infrastructure.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The one idempotency component, for both ways openapi.yaml's {@code x-idempotency} lets a creating POST keep its
 * first answer under the client's Idempotency-Key: {@code transactional} (the use case claims the key in the same
 * DynamoDB transaction as its effect) and {@code response} (the {@link Router} remembers the first answer in a
 * {@link ResponseMemory}). One header, one window, one fingerprint, one 422. The key's shape is openapi.yaml's
 * ({@code components/schemas/IdempotencyKey}), checked by {@link RequestContract} before any handler runs.
 */
public final class Idempotency {
    public static final String HEADER = "Idempotency-Key";
    /** How long a key is remembered, in both modes. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private Idempotency() {
    }

    public enum Mode {
        TRANSACTIONAL, RESPONSE;

        /** The route's {@code x-idempotency}; empty when it declares none. */
        static Optional<Mode> declared(RequestContract contract, String routeKey) {
            return switch (contract.idempotency(routeKey)) {
                case "" -> Optional.empty();
                case "transactional" -> Optional.of(TRANSACTIONAL);
                case "response" -> Optional.of(RESPONSE);
                default -> throw new IllegalStateException(routeKey + " declares an unknown x-idempotency: "
                        + contract.idempotency(routeKey) + " (transactional or response)");
            };
        }
    }

    /**
     * A client's key as the edge accepted it: whose it is (the token's {@code sub}), the key as sent, and the
     * fingerprint of the request it came with.
     */
    public record Key(String caller, String value, String fingerprint) {
        /** The record this key names in a scope (a capability, or a route): one per scope, caller and key. */
        public String in(String scope) {
            return scope + ":" + caller + ":" + value;
        }
    }

    /** The request's key, when it carries the header. */
    static Optional<Key> of(ApiRequest request) {
        return request.header(HEADER).map(value -> new Key(request.claims().getOrDefault("sub", "anonymous"), value,
                fingerprint(request.rawPath(), request.rawBody())));
    }

    /**
     * SHA-256 of the path and the body; a JSON body is read first, so key order and spacing do not make another
     * request (a client's retry may serialize its map in another order).
     */
    public static String fingerprint(String path, String body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((path + "\n" + canonical(body)).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String canonical(String body) {
        if (body == null || body.isBlank()) return "";
        try {
            return Json.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
                    .writeValueAsString(Json.readRequest(body));
        } catch (JsonProcessingException notJson) {
            return body;
        }
    }

    /** The answer to a key that came with another request, in both modes. */
    public static Problem conflict(String key) {
        return Problem.of(422, "idempotency-conflict", "Idempotency-Key reused",
                "Idempotency-Key " + key + " was already used with a different request");
    }

    /** The answer to a duplicate that arrives while the first is still being served (response mode). */
    static Problem inProgress() {
        return Problem.of(409, "in-progress", "Request in progress",
                "The same request with this Idempotency-Key is being processed; retry in a moment");
    }
}
