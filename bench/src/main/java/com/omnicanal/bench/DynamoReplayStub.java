package com.omnicanal.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DynamoDB on loopback that answers at once: a call it has seen is answered from memory with the response DynamoDB
 * Local gave (same body, same CRC32 header), so the SDK parses a valid response; a call it has not seen goes to DynamoDB
 * Local once and is remembered. Reads are remembered by table and key (a read of another item is a different call);
 * writes by operation and table (their answer does not depend on the values written). The JDK's HTTP server: nothing
 * to add to the bench's dependencies.
 */
final class DynamoReplayStub implements AutoCloseable {
    private static final Set<String> WRITES = Set.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
            "BatchWriteItem");

    private record Answer(int status, byte[] body, String crc32) {
    }

    private final HttpServer server;
    private final HttpClient upstreamClient = HttpClient.newHttpClient();
    private final URI upstream;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final AtomicLong replayed = new AtomicLong();
    final AtomicLong forwarded = new AtomicLong();
    final Map<String, AtomicLong> forwardedByCall = new ConcurrentHashMap<>();

    DynamoReplayStub(String upstreamEndpoint) throws IOException {
        this.upstream = URI.create(upstreamEndpoint + "/");
        // headers and body go in separate writes: without TCP_NODELAY every answer waits for a delayed ACK (~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            var t = new Thread(r, "dynamo-stub");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var body = exchange.getRequestBody().readAllBytes();
            var target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            var key = key(target, body);
            var answer = answers.get(key);
            if (answer != null) {
                replayed.incrementAndGet();
            } else {
                answer = forward(exchange, target, body);
                // a failed call (a condition that did not hold) is not a canned answer: the next one asks again
                if (answer.status == 200) answers.put(key, answer);
                forwarded.incrementAndGet();
                forwardedByCall.computeIfAbsent(key.length() > 120 ? key.substring(0, 120) : key, k -> new AtomicLong())
                        .incrementAndGet();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "stub");
            if (answer.crc32 != null) exchange.getResponseHeaders().add("x-amz-crc32", answer.crc32);
            exchange.sendResponseHeaders(answer.status, answer.body.length == 0 ? -1 : answer.body.length);
            exchange.getResponseBody().write(answer.body);
        }
    }

    private Answer forward(HttpExchange exchange, String target, byte[] body) throws IOException {
        var request = HttpRequest.newBuilder(upstream).POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-Amz-Target", target)
                .header("Content-Type", "application/x-amz-json-1.0");
        var authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) request.header("Authorization", authorization);
        var date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
        if (date != null) request.header("X-Amz-Date", date);
        try {
            var response = upstreamClient.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.body(),
                    response.headers().firstValue("x-amz-crc32").orElse(null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String key(String target, byte[] body) throws IOException {
        var operation = target.substring(target.indexOf('.') + 1);
        JsonNode json = Bench.JSON.readTree(body);
        if (WRITES.contains(operation)) {
            var tables = new StringBuilder();
            if (json.has("TransactItems")) {
                for (var item : json.get("TransactItems")) {
                    item.fields().forEachRemaining(f -> tables.append(f.getKey()).append(':')
                            .append(f.getValue().path("TableName").asText()).append(','));
                }
            }
            return operation + " " + json.path("TableName").asText() + " " + tables
                    + " " + json.path("ReturnConsumedCapacity").asText();
        }
        // a read: the table, index and key (or the whole request for a query: its key values are in the request)
        var copy = json.deepCopy();
        return operation + " " + copy;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
