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

    /** A route declared {@code x-idempotency: transactional}: its use case claims the key with its effect. */
    @FunctionalInterface
    public interface KeyedHandler {
        APIGatewayV2HTTPResponse handle(ApiRequest request, Idempotency.Key key);
    }

    private final Map<String, Handler> routes;
    private final Function<RuntimeException, Optional<Problem>> errors;
    private final RequestContract contract;
    private final ResponseMemory memory;
    /** The routes openapi.yaml declares {@code x-idempotency: response}, whose first answer the memory keeps. */
    private final Set<String> remembered;

    private Router(Map<String, Handler> routes, Function<RuntimeException, Optional<Problem>> errors,
                   RequestContract contract, ResponseMemory memory, Set<String> remembered) {
        this.routes = Map.copyOf(routes);
        this.errors = errors;
        this.contract = contract;
        this.memory = memory;
        this.remembered = Set.copyOf(remembered);
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
            var key = remembered.contains(event.getRouteKey()) ? Idempotency.of(request) : Optional.<Idempotency.Key>empty();
            if (key.isPresent()) return remembered(request, key.get(), handler);
            return handler.handle(request);
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
    private APIGatewayV2HTTPResponse remembered(ApiRequest request, Idempotency.Key key, Handler handler) {
        var scope = key.in("http:" + request.routeKey());
        var fingerprint = key.fingerprint();
        var claim = memory.claim(scope, fingerprint);
        if (claim instanceof ResponseMemory.Claim.Replay replay) return replay.response();
        if (claim instanceof ResponseMemory.Claim.KeyReused) return ApiResponse.problem(Idempotency.conflict(key.value()));
        if (claim instanceof ResponseMemory.Claim.InProgress) return ApiResponse.problem(Idempotency.inProgress());
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

    private static APIGatewayV2HTTPResponse withCorrelation(APIGatewayV2HTTPResponse response, String correlation) {
        var headers = new java.util.LinkedHashMap<String, String>();
        if (response.getHeaders() != null) headers.putAll(response.getHeaders());
        headers.put(CORRELATION_HEADER, correlation);
        response.setHeaders(headers);
        return response;
    }

    public static final class Builder {
        private final Map<String, Handler> routes = new LinkedHashMap<>();
        private final Set<String> keyed = new java.util.HashSet<>();
        private Function<RuntimeException, Optional<Problem>> errors = e -> Optional.empty();
        private RequestContract contract;
        private ResponseMemory memory;

        public Builder route(String routeKey, Handler handler) {
            if (routes.putIfAbsent(routeKey, handler) != null) {
                throw new IllegalArgumentException("Route declared twice: " + routeKey);
            }
            return this;
        }

        /** A route openapi.yaml declares {@code x-idempotency: transactional}: its handler hands the key to its use case. */
        public Builder transactional(String routeKey, KeyedHandler handler) {
            keyed.add(routeKey);
            return route(routeKey, request -> handler.handle(request, Idempotency.of(request).orElseThrow(
                    () -> new IllegalStateException(routeKey + " came without its " + Idempotency.HEADER))));
        }

        /** Where the first answers of the routes declared {@code x-idempotency: response} are kept. */
        public Builder remembering(ResponseMemory memory) {
            this.memory = memory;
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

        /**
         * Refuses a router that would serve a route without the mechanism openapi.yaml declares for it: a
         * {@code transactional} route not routed with {@link #transactional} (or whose header the contract does not
         * require), a {@code response} route with no memory, a keyed route the contract declares no mode for.
         */
        public Router build() {
            var checked = contract == null ? RequestContract.shared() : contract;
            var remembered = new java.util.TreeSet<String>();
            var missing = new java.util.TreeSet<String>();
            for (var routeKey : routes.keySet()) {
                var mode = Idempotency.Mode.declared(checked, routeKey).orElse(null);
                var takesKey = keyed.contains(routeKey);
                if (takesKey && mode != Idempotency.Mode.TRANSACTIONAL) {
                    missing.add(routeKey + ": takes a key, but openapi.yaml does not declare it "
                            + "x-idempotency: transactional");
                }
                if (mode == Idempotency.Mode.TRANSACTIONAL && !takesKey) {
                    missing.add(routeKey + ": x-idempotency transactional, but its handler takes no key "
                            + "(route it with transactional(...))");
                }
                if (mode == Idempotency.Mode.TRANSACTIONAL && !checked.requiresHeader(routeKey, Idempotency.HEADER)) {
                    missing.add(routeKey + ": x-idempotency transactional, but openapi.yaml does not require the "
                            + Idempotency.HEADER + " header");
                }
                if (mode == Idempotency.Mode.RESPONSE && memory == null) {
                    missing.add(routeKey + ": x-idempotency response, but this router remembers no answers "
                            + "(give it remembering(...))");
                }
                if (mode == Idempotency.Mode.RESPONSE) remembered.add(routeKey);
            }
            if (!missing.isEmpty()) throw new IllegalStateException("Idempotency not wired: " + String.join("; ", missing));
            checked.warm(routes.keySet());
            return new Router(routes, errors, checked, memory, remembered);
        }
    }
}
