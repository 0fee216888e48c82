package com.omnicanal.infrastructure.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.omnicanal.infrastructure.logging.Correlation;

/** One Lambda per capability: routes the event's routeKey to a handler and turns every failure into problem+json. */
public final class Router implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    /** Largest body any route accepts: a 1,000-line stock feed fits with room to spare. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** Echoed on every response and written on every log line of the request. */
    public static final String CORRELATION_HEADER = "x-correlation-id";

    @FunctionalInterface
    public interface Handler {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final Map<String, Handler> routes;
    private final Function<RuntimeException, Optional<Problem>> errors;
    private final RequestContract contract;
    private final ResponseMemory memory;

    private Router(Map<String, Handler> routes, Function<RuntimeException, Optional<Problem>> errors,
                   RequestContract contract, ResponseMemory memory) {
        this.routes = Map.copyOf(routes);
        this.errors = errors;
        this.contract = contract;
        this.memory = memory;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
        var correlation = Correlation.choose(event == null ? null : new ApiRequest(event).header(CORRELATION_HEADER).orElse(null),
                event == null || event.getRequestContext() == null ? null : event.getRequestContext().getRequestId());
        Correlation.set(correlation);
        var started = System.nanoTime();
        APIGatewayV2HTTPResponse response = null;
        try {
            response = serve(event);
            return withCorrelation(response, correlation);
        } finally {
            var status = response == null ? 500 : response.getStatusCode();
            var millis = (System.nanoTime() - started) / 1_000_000;
            var route = event == null ? "-" : event.getRouteKey();
            LOG.log(status >= 500 ? Level.WARNING : Level.INFO, () -> route + " -> " + status + " in " + millis + " ms");
            Correlation.clear();
        }
    }

    private APIGatewayV2HTTPResponse serve(APIGatewayV2HTTPEvent event) {
        var handler = event == null ? null : routes.get(event.getRouteKey());
        if (handler == null) {
            return ApiResponse.problem(Problem.of(404, "not-found", "No such route",
                    "This function does not serve " + (event == null ? "an empty event" : event.getRouteKey())));
        }
        if (event.getBody() != null && event.getBody().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return ApiResponse.problem(Problem.of(413, "payload-too-large", "Request body too large",
                    "The body must be at most " + MAX_BODY_BYTES + " bytes"));
        }
        try {
            var request = new ApiRequest(event);
            var roles = contract.roles(event.getRouteKey());
            var claims = request.claims();
            if (!roles.isEmpty() && !claims.isEmpty() && !roles.contains(claims.getOrDefault("role", "customer"))) {
                // e.g. a staff or ops token on a customer's own route: their sub must never be read as a customer's
                return ApiResponse.problem(Problem.of(403, "forbidden", "Forbidden",
                        "This route is for " + String.join(" or ", roles) + " tokens"));
            }
            var mediaType = contract.mediaType(event.getRouteKey(), event.getHeaders(), event.getBody());
            if (mediaType.isPresent()) return ApiResponse.problem(Problem.unsupportedMediaType(mediaType.get()));
            var invalid = contract.check(event.getRouteKey(), event.getPathParameters(),
                    event.getQueryStringParameters(), event.getHeaders(), request.rawBody());
            if (!invalid.isEmpty()) return ApiResponse.problem(Problem.validation(invalid));
            var key = request.header("Idempotency-Key").orElse(null);
            var memory = this.memory;
            if (key == null || memory == null || !"response".equals(contract.idempotency(event.getRouteKey()))) {
                return handler.handle(request);
            }
            return remembered(memory, request, key, handler);
        } catch (ProblemException e) {
            return ApiResponse.problem(e.problem());
        } catch (RuntimeException e) {
            var mapped = errors.apply(e);
            if (mapped.isPresent()) return ApiResponse.problem(mapped.get());
            LOG.log(Level.SEVERE, "Unhandled failure on " + event.getRouteKey(), e);
            return ApiResponse.problem(Problem.of(500, "internal", "Internal error",
                    "Something went wrong on our side; the request may be retried"));
        }
    }

    /** Same key and body: the first answer again; same key, other body: 422; a concurrent duplicate: 409. */
    private APIGatewayV2HTTPResponse remembered(ResponseMemory memory, ApiRequest request, String key, Handler handler) {
        var scope = "http:" + request.routeKey() + ":" + request.claims().getOrDefault("sub", "anonymous") + ":" + key;
        var fingerprint = sha256(request.rawPath() + "\n" + request.rawBody());
        var claim = memory.claim(scope, fingerprint);
        if (claim instanceof ResponseMemory.Claim.Replay replay) return replay.response();
        if (claim instanceof ResponseMemory.Claim.KeyReused) {
            return ApiResponse.problem(Problem.of(422, "idempotency-conflict", "Idempotency-Key reused",
                    "Idempotency-Key " + key + " was already used with a different request"));
        }
        if (claim instanceof ResponseMemory.Claim.InProgress) {
            return ApiResponse.problem(Problem.of(409, "in-progress", "Request in progress",
                    "The same request with this Idempotency-Key is being processed; retry in a moment"));
        }
        APIGatewayV2HTTPResponse response;
        try {
            response = handler.handle(request);
        } catch (RuntimeException e) {
            memory.release(scope); // nothing was done: the client may retry with the same key
            throw e;
        }
        if (response.getStatusCode() >= 300) {
            memory.release(scope);
            return response;
        }
        try {
            memory.complete(scope, fingerprint, response);
        } catch (RuntimeException e) {
            // the effect happened: answer it; the claim stays in progress, so a retry gets 409, not a second effect
            LOG.log(Level.WARNING, "could not store the answer for an Idempotency-Key on " + request.routeKey(), e);
        }
        return response;
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same routes, keeping the first answer of POSTs marked x-idempotency: response in this memory. */
    public Router remembering(ResponseMemory memory) {
        return new Router(routes, errors, contract, memory);
    }

    private static APIGatewayV2HTTPResponse withCorrelation(APIGatewayV2HTTPResponse response, String correlation) {
        var headers = new java.util.LinkedHashMap<String, String>();
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        headers.put(CORRELATION_HEADER, correlation);
        response.setHeaders(headers);
        return response;
    }

    public static final class Builder {
        private final Map<String, Handler> routes = new LinkedHashMap<>();
        private Function<RuntimeException, Optional<Problem>> errors = e -> Optional.empty();
        private RequestContract contract;

        public Builder route(String routeKey, Handler handler) {
            if (routes.putIfAbsent(routeKey, handler) != null) {
                throw new IllegalArgumentException("Route declared twice: " + routeKey);
            }
            return this;
        }

        public Builder errors(Function<RuntimeException, Optional<Problem>> mapper) {
            this.errors = mapper;
            return this;
        }

        /** The contract requests are checked against; openapi.yaml from the classpath unless a test says otherwise. */
        public Builder contract(RequestContract contract) {
            this.contract = contract;
            return this;
        }

        public Router build() {
            return new Router(routes, errors, contract == null ? RequestContract.shared() : contract, null);
        }
    }
}
