package com.omnicanal.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.infrastructure.http.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.IntSupplier;

/** A plain HTTP client for the local gateway, as the storefront or curl would call it. */
final class LocalClient {
    record Reply(int status, String contentType, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final IntSupplier port;

    LocalClient(int port) {
        this(() -> port);
    }

    /** On a gateway whose port is known only once it runs (see {@link LocalStackPerClass}). */
    LocalClient(IntSupplier port) {
        this.port = port;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port.getAsInt() + path);
    }

    String token(String sub, String role, String storeId) {
        var body = storeId == null ? Map.of("sub", sub, "role", role) : Map.of("sub", sub, "role", role, "storeId", storeId);
        return send("POST", "/_local/tokens", null, Json.write(body), Map.of()).body().get("token").asText();
    }

    Reply send(String method, String path, String token, String body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        headers.forEach(request::setHeader); // a header given here replaces the default (e.g. a form's Content-Type)
        return send(method, path, request);
    }

    /** These very bytes, with this Content-Type (none when null), as a client that gets them wrong would send them. */
    Reply sendRaw(String method, String path, String token, byte[] body, String contentType) {
        var request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (contentType != null) request.header("Content-Type", contentType);
        return send(method, path, request);
    }

    private Reply send(String method, String path, HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            var text = response.body();
            var type = response.headers().firstValue("Content-Type").orElse("");
            return new Reply(response.statusCode(), type,
                    text == null || text.isEmpty() || !type.contains("json") ? null : Json.MAPPER.readTree(text), response);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    Reply get(String path, String token) {
        return send("GET", path, token, null, Map.of());
    }

    /** Units of the SKU the location can still promise, as GET /stock/{sku} lists them (0 where it is not listed). */
    int available(String sku, String locationId) {
        for (var location : get("/stock/" + sku, null).body().get("locations")) {
            if (location.get("locationId").asText().equals(locationId)) return location.get("available").asInt();
        }
        return 0;
    }

    /** The first SMS, WhatsApp message or email in the local inbox that matches, waiting up to 15 s for it. */
    JsonNode awaitInbox(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
        var deadline = java.time.Instant.now().plus(Duration.ofSeconds(15));
        while (java.time.Instant.now().isBefore(deadline)) {
            var items = get("/_local/inbox.json", null).body().get("items");
            var found = java.util.stream.StreamSupport.stream(items.spliterator(), false).filter(wanted).findFirst();
            if (found.isPresent()) return found.get();
            Thread.sleep(100);
        }
        throw new AssertionError("nothing matching arrived in the local inbox");
    }
}
