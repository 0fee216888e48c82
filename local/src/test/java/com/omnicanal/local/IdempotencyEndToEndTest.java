package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every POST that creates something (openapi.yaml: a 201 or 202 answer) declares its idempotency, and through the
 * gateway: same key and body gives the first answer again, same key with another body a 422, and concurrent
 * duplicates have one effect.
 */
class IdempotencyEndToEndTest {
    private static final String X = "paris-rivoli";
    private static final String SKU = "TSH-COT-BLU-M";
    private static LocalStack stack;
    private static LocalClient client;
    private static String ops;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(0, null);
        client = new LocalClient(stack.port());
        ops = client.token("ops-idem", "ops", null);
        assertThat(client.send("PUT", "/stores/" + X + "/stock", ops, "{\"feedSequence\":" + System.currentTimeMillis()
                + ",\"lines\":[{\"sku\":\"" + SKU + "\",\"onHand\":1000}]}", Map.of()).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (stack != null) stack.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCreatingPostDeclaresItsIdempotency() throws Exception {
        Map<String, Object> openapi;
        try (var in = new FileInputStream(Path.of("..", "openapi.yaml").toFile())) {
            openapi = new Yaml().load(in);
        }
        var undeclared = new TreeSet<String>();
        ((Map<String, Map<String, Object>>) openapi.get("paths")).forEach((path, item) -> {
            var post = (Map<String, Object>) item.get("post");
            if (post == null || path.startsWith("/webhooks/")) return;
            var responses = (Map<String, Object>) post.get("responses");
            if ((responses.containsKey("201") || responses.containsKey("202")) && post.get("x-idempotency") == null) {
                undeclared.add("POST " + path);
            }
        });
        assertThat(undeclared).as("POSTs that create something without x-idempotency in openapi.yaml").isEmpty();
    }

    private static int available() {
        for (var l : client.get("/stock/" + SKU, null).body().get("locations")) {
            if (l.get("locationId").asText().equals(X)) return l.get("available").asInt();
        }
        return 0;
    }

    private static final String RESERVATION = "{\"sku\":\"" + SKU + "\",\"storeId\":\"" + X + "\",\"quantity\":%d}";
    private static final String ORDER = "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":%d}],\"pickupStoreId\":\"" + X
            + "\",\"contact\":{\"name\":\"Client\",\"email\":\"idem@example.org\"},\"paymentAuthorization\":\"pa_idem_1\"}";

    @Test
    void aReplayGetsTheFirstAnswerAndAnotherBodyUnderTheSameKeyIsRefused() {
        var me = client.token("cust-idem-replay", "customer", null);
        var staff = client.token("staff-idem", "staff", X);
        var cases = List.of(
                new Object[] {"/reservations", me, String.format(RESERVATION, 1), String.format(RESERVATION, 2)},
                new Object[] {"/orders", me, String.format(ORDER, 1), String.format(ORDER, 2)},
                new Object[] {"/stores/" + X + "/customers", staff, "{\"firstName\":\"Ana\",\"phone\":\"+33698765401\"}",
                        "{\"firstName\":\"Bob\",\"phone\":\"+33698765402\"}"},
                new Object[] {"/customers/me/identities", me, "{\"kind\":\"email\",\"value\":\"idem-1@example.org\"}",
                        "{\"kind\":\"email\",\"value\":\"idem-2@example.org\"}"});
        for (var c : cases) {
            var path = (String) c[0];
            var token = (String) c[1];
            var key = Map.of("Idempotency-Key", "replay-" + UUID.randomUUID());
            var first = client.send("POST", path, token, (String) c[2], key);
            assertThat(first.status()).as(path + " " + first.raw().body()).isIn(201, 202);
            var again = client.send("POST", path, token, (String) c[2], key);
            assertThat(again.status()).as(path).isEqualTo(first.status());
            assertThat(again.body()).as(path).isEqualTo(first.body());
            assertThat(again.header("Idempotent-Replayed")).as(path).isEqualTo("true");
            var other = client.send("POST", path, token, (String) c[3], key);
            assertThat(other.status()).as(path).isEqualTo(422);
            assertThat(other.body().get("type").asText()).endsWith("/idempotency-conflict");
        }
    }

    @Test
    void concurrentDuplicatesHaveOneEffect() throws Exception {
        var me = client.token("cust-idem-race", "customer", null);
        var staff = client.token("staff-idem-race", "staff", X);
        int before = available();
        var reservation = race(() -> client.send("POST", "/reservations", me, String.format(RESERVATION, 2),
                Map.of("Idempotency-Key", "race-reservation")));
        var order = race(() -> client.send("POST", "/orders", me, String.format(ORDER, 3),
                Map.of("Idempotency-Key", "race-order")));
        var registration = race(() -> client.send("POST", "/stores/" + X + "/customers", staff,
                "{\"firstName\":\"Race\",\"phone\":\"+33698765499\"}", Map.of("Idempotency-Key", "race-registration")));
        for (var replies : List.of(reservation, order, registration)) {
            // every duplicate either got the one answer or was told the first is still in progress; none made another
            assertThat(replies).extracting(LocalClient.Reply::status).allMatch(s -> s == 201 || s == 409);
            var ids = replies.stream().filter(r -> r.status() == 201).map(r -> r.body().get("id").asText()).distinct().toList();
            assertThat(ids).hasSize(1);
        }
        assertThat(client.get("/customers/me/reservations", me).body().get("items")).hasSize(1);
        assertThat(client.get("/customers/me/orders", me).body().get("items")).hasSize(1);
        assertThat(available()).isEqualTo(before - 2 - 3);
        var found = client.get("/stores/" + X + "/customers?phone=%2B33698765499", staff);
        assertThat(found.status()).isEqualTo(200);
    }

    private static List<LocalClient.Reply> race(Supplier<LocalClient.Reply> call) throws Exception {
        int threads = 8;
        var pool = Executors.newFixedThreadPool(threads);
        try {
            var go = new CountDownLatch(1);
            var futures = new ArrayList<Future<LocalClient.Reply>>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.get();
                }));
            }
            go.countDown();
            var replies = new ArrayList<LocalClient.Reply>();
            for (var f : futures) replies.add(f.get());
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }
}
