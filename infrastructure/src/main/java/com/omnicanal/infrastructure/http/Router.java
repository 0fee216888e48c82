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

/** One Lambda per capability: routes the event's routeKey to a handler and turns every failure into problem+json. */
public final class Router implements Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final Logger LOG = Logger.getLogger(Router.class.getName());
    /** Largest body any route accepts: a 1,000-line stock feed fits with room to spare. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    @FunctionalInterface
    public interface Handler {
        APIGatewayV2HTTPResponse handle(ApiRequest request);
    }

    private final Map<String, Handler> routes;
    private final Function<RuntimeException, Optional<Problem>> errors;

    private Router(Map<String, Handler> routes, Function<RuntimeException, Optional<Problem>> errors) {
        this.routes = Map.copyOf(routes);
        this.errors = errors;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Set<String> routeKeys() {
        return routes.keySet();
    }

    @Override
    public APIGatewayV2HTTPResponse apply(APIGatewayV2HTTPEvent event) {
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
            return handler.handle(new ApiRequest(event));
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

    public static final class Builder {
        private final Map<String, Handler> routes = new LinkedHashMap<>();
        private Function<RuntimeException, Optional<Problem>> errors = e -> Optional.empty();

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

        public Router build() {
            return new Router(routes, errors);
        }
    }
}
