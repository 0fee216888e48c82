package com.omnicanal.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.FormData;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.infrastructure.http.Problem;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Serves template.yaml's routes on loopback the way API Gateway's HTTP API does: checks the JWT on protected routes,
 * builds a payload-2.0 event and calls the same function the Lambda runs.
 */
public final class LocalGateway implements AutoCloseable {
    /** API Gateway's own payload limit. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final HttpServer server;
    private final List<TemplateRoutes.Route> routes;
    private final Function<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions;
    private final LocalTokens tokens;
    private volatile LocalPages pages = (method, path, body) -> java.util.Optional.empty();
    private volatile boolean ready;
    private volatile WebAppFiles webApp;

    /** More local-only endpoints (the inbox, a customer's SMS reply), served under /_local/. */
    @FunctionalInterface
    public interface LocalPages {
        java.util.Optional<APIGatewayV2HTTPResponse> handle(String method, String path, String body) throws Exception;
    }

    public void pages(LocalPages pages) {
        this.pages = pages;
    }

    /** Serves the web app's static files under /app/ (as CloudFront does on AWS). */
    public void webApp(WebAppFiles files) {
        this.webApp = files;
    }

    public LocalGateway(int port, List<TemplateRoutes.Route> routes,
                        Function<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions,
                        LocalTokens tokens) throws IOException {
        this.routes = routes;
        this.functions = functions;
        this.tokens = tokens;
        this.server = LoopbackServer.create(port, 64);
        this.server.setExecutor(Executors.newFixedThreadPool(16));
        this.server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public void ready() {
        ready = true;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getRawPath();
            var method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            if (path.startsWith("/_local/")) {
                local(exchange, method, path);
                return;
            }
            if (webApp != null && (path.equals("/app") || path.startsWith(WebAppFiles.PREFIX))) {
                webApp(exchange, method, path);
                return;
            }
            var body = exchange.getRequestBody().readNBytes(MAX_PAYLOAD + 1);
            if (body.length > MAX_PAYLOAD) {
                send(exchange, ApiResponse.problem(Problem.of(413, "payload-too-large", "Request body too large",
                        "API Gateway accepts at most 10 MB")));
                return;
            }
            var decodedPath = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            TemplateRoutes.Route matched = null;
            Map<String, String> params = null;
            boolean pathKnown = false;
            var allowed = new java.util.TreeSet<String>();
            for (var route : routes) {
                var m = route.match(path);
                if (m.isEmpty()) continue;
                pathKnown = true;
                allowed.add(route.method());
                if (route.method().equals(method) && matched == null) {
                    matched = route;
                    params = m.get();
                }
            }
            if (matched == null) {
                if (pathKnown) exchange.getResponseHeaders().add("Allow", String.join(", ", allowed));
                send(exchange, pathKnown
                        ? ApiResponse.problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                                method + " is not served on " + decodedPath))
                        : ApiResponse.problem(Problem.of(404, "not-found", "Not found", "No route for " + decodedPath)));
                return;
            }
            Map<String, String> claims = null;
            if (!matched.isPublic()) {
                var auth = exchange.getRequestHeaders().getFirst("Authorization");
                var verified = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)
                        ? tokens.verify(auth.substring(7).trim()) : java.util.Optional.<Map<String, String>>empty();
                if (verified.isEmpty()) {
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
                    send(exchange, ApiResponse.problem(Problem.of(401, "unauthorized", "Unauthorized",
                            auth == null ? "A bearer token is required" : "The bearer token is not valid")));
                    return;
                }
                claims = verified.get();
            }
            var event = event(exchange, matched, params, claims, body);
            send(exchange, functions.apply(matched.function()).apply(event));
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(exchange, ApiResponse.problem(Problem.of(500, "internal", "Internal error", "The local gateway failed")));
        }
    }

    private static APIGatewayV2HTTPEvent event(HttpExchange exchange, TemplateRoutes.Route route,
                                               Map<String, String> params, Map<String, String> claims, byte[] bytes) {
        // API Gateway hands over a body that is not UTF-8 text base64-encoded: the function sees the bytes sent
        String body;
        boolean base64 = false;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            body = Base64.getEncoder().encodeToString(bytes);
            base64 = true;
        }
        var headers = new LinkedHashMap<String, String>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        var rawQuery = exchange.getRequestURI().getRawQuery();
        // API Gateway joins repeated query parameters with commas
        Map<String, String> query = rawQuery == null || rawQuery.isEmpty() ? null : FormData.parse(rawQuery, true);
        var now = Instant.now();
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                .withMethod(route.method()).withPath(exchange.getRequestURI().getRawPath())
                .withProtocol(exchange.getProtocol())
                .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress())
                .withUserAgent(headers.getOrDefault("user-agent", "")).build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000").withApiId("local").withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                .withDomainPrefix("local").withHttp(http).withRequestId(UUID.randomUUID().toString())
                .withRouteKey(route.routeKey()).withStage("$default")
                .withTime(REQUEST_TIME.format(now)).withTimeEpoch(now.toEpochMilli());
        if (claims != null) {
            context.withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                    .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                            .withClaims(claims).withScopes(null).build()).build());
        }
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey(route.routeKey())
                .withRawPath(exchange.getRequestURI().getRawPath()).withRawQueryString(rawQuery == null ? "" : rawQuery)
                .withHeaders(headers).withQueryStringParameters(query)
                .withPathParameters(params.isEmpty() ? null : params)
                .withRequestContext(context.build())
                .withBody(body.isEmpty() ? null : body).withIsBase64Encoded(base64).build();
    }

    private void local(HttpExchange exchange, String method, String path) throws IOException {
        if (path.equals("/_local/health") && method.equals("GET")) {
            if (!ready) {
                send(exchange, ApiResponse.problem(Problem.of(503, "starting", "Starting", "Not ready yet")));
            } else {
                send(exchange, ApiResponse.ok(Map.of("status", "ready")));
            }
            return;
        }
        if (path.equals("/_local/tokens") && method.equals("POST")) {
            JsonNode request;
            try {
                request = Json.MAPPER.readTree(exchange.getRequestBody().readNBytes(64 * 1024));
            } catch (IOException e) {
                request = null;
            }
            var sub = text(request, "sub");
            var role = text(request, "role") == null ? "customer" : text(request, "role");
            var storeId = text(request, "storeId");
            var errors = new java.util.ArrayList<com.omnicanal.infrastructure.http.FieldError>();
            if (sub == null || sub.isBlank() || sub.length() > 128) {
                errors.add(new com.omnicanal.infrastructure.http.FieldError("sub", "is required, at most 128 characters"));
            }
            if (!Set.of("customer", "staff", "ops").contains(role)) {
                errors.add(new com.omnicanal.infrastructure.http.FieldError("role", "must be customer, staff or ops"));
            }
            if ("staff".equals(role) && (storeId == null || storeId.isBlank())) {
                errors.add(new com.omnicanal.infrastructure.http.FieldError("storeId", "is required for staff"));
            }
            if (!errors.isEmpty()) {
                send(exchange, ApiResponse.problem(Problem.validation(errors)));
                return;
            }
            send(exchange, ApiResponse.ok(Map.of("token", tokens.issue(sub, role, "staff".equals(role) ? storeId : null))));
            return;
        }
        try {
            var body = new String(exchange.getRequestBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
            var page = pages.handle(method, path, body);
            if (page.isPresent()) {
                send(exchange, page.get());
                return;
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        send(exchange, ApiResponse.problem(Problem.of(404, "not-found", "Not found", "No local route " + path)));
    }

    private void webApp(HttpExchange exchange, String method, String path) throws IOException {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().add("Allow", "GET, HEAD");
            send(exchange, ApiResponse.problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                    method + " is not served on the web app")));
            return;
        }
        if (path.equals("/app")) {
            exchange.getResponseHeaders().add("Location", WebAppFiles.PREFIX);
            exchange.sendResponseHeaders(301, -1);
            return;
        }
        var file = webApp.find(path);
        if (file.isEmpty()) {
            send(exchange, ApiResponse.problem(Problem.of(404, "not-found", "Not found", "No web app file " + path)));
            return;
        }
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", file.get().contentType());
        // the same headers CloudFront's response headers policy adds on AWS (template.yaml, WebAppHeaders)
        headers.set("Cache-Control", "no-cache");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                + "base-uri 'none'; frame-ancestors 'none'");
        var bytes = file.get().bytes();
        if (method.equals("HEAD")) {
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) exchange.getResponseBody().write(bytes);
        }
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.hasNonNull(field) ? null : node.get(field).asText();
    }

    private static void send(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) response.getHeaders().forEach(exchange.getResponseHeaders()::set);
        var body = response.getBody() == null ? new byte[0] : response.getIsBase64Encoded()
                ? java.util.Base64.getDecoder().decode(response.getBody())
                : response.getBody().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
    }
}
