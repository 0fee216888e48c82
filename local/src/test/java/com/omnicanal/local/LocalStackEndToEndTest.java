package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-reservation journey over HTTP through the local gateway, with API Gateway-shaped events and real tokens. */
class LocalStackEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static String parisFirst;
    private static String lyon;

    @BeforeAll
    static void start() throws Exception {
        var stores = client.get("/stores", null).body().get("items");
        parisFirst = stores.get(0).get("id").asText();
        lyon = StreamSupport.stream(stores.spliterator(), false)
                .filter(s -> s.get("address").get("city").asText().equals("Lyon"))
                .findFirst().orElseThrow().get("id").asText();
    }

    private static String reserveBody(String sku, String store, Object quantity) {
        return "{\"sku\":\"" + sku + "\",\"storeId\":\"" + store + "\",\"quantity\":" + quantity + "}";
    }

    private static LocalClient.Reply reserve(String token, String key, String body) {
        return client.send("POST", "/reservations", token, body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    }

    private static int available(String sku, String store) {
        return client.available(sku, store);
    }

    @Test
    void healthAndPublicCatalogue() {
        assertThat(client.get("/_local/health", null).status()).isEqualTo(200);
        var stores = client.get("/stores", null);
        assertThat(stores.body().get("items").size()).isGreaterThanOrEqualTo(5);
        var page = client.get("/products?limit=20", null).body();
        assertThat(page.get("items").size()).isEqualTo(20);
        var next = client.get("/products?limit=20&cursor=" + page.get("nextCursor").asText(), null).body();
        assertThat(next.get("items").get(0).get("sku").asText()).isGreaterThan(page.get("items").get(19).get("sku").asText());
        var search = client.get("/products?q=veste%20lin", null).body().get("items");
        assertThat(search).anySatisfy(p -> assertThat(p.get("sku").asText()).isEqualTo("VES-LIN-BEI-M"));
        assertThat(client.get("/stock/NOPE-NOPE", null).status()).isEqualTo(404);
        assertThat(client.get("/nowhere", null).status()).isEqualTo(404);
        assertThat(client.send("PATCH", "/stores", null, null, Map.of()).status()).isEqualTo(405);
    }

    @Test
    void reserveReplayCompleteAndCancel() {
        var camille = client.token("cust-e2e-camille", "customer", null);
        var hugo = client.token("cust-e2e-hugo", "customer", null);
        var staff = client.token("staff-e2e", "staff", parisFirst);
        var staffLyon = client.token("staff-e2e-lyon", "staff", lyon);
        int before = available("TSH-COT-BLU-M", parisFirst);

        var created = reserve(camille, "e2e-1", reserveBody("TSH-COT-BLU-M", parisFirst, 1));
        assertThat(created.status()).isEqualTo(201);
        var id = created.body().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/reservations/" + id);
        assertThat(created.body().get("status").asText()).isEqualTo("HELD");
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before - 1);

        var replay = reserve(camille, "e2e-1", reserveBody("TSH-COT-BLU-M", parisFirst, 1));
        assertThat(replay.status()).isEqualTo(201);
        assertThat(replay.body()).isEqualTo(created.body());
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before - 1);
        var reused = reserve(camille, "e2e-1", reserveBody("TSH-COT-BLU-M", parisFirst, 2));
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.contentType()).isEqualTo("application/problem+json");

        assertThat(client.get("/reservations/" + id, camille).status()).isEqualTo(200);
        assertThat(client.get("/reservations/" + id, hugo).status()).isEqualTo(404);
        assertThat(client.send("DELETE", "/reservations/" + id, hugo, null, Map.of()).status()).isEqualTo(404);
        assertThat(client.get("/customers/me/reservations", camille).body().get("items"))
                .anySatisfy(r -> assertThat(r.get("id").asText()).isEqualTo(id));
        assertThat(client.get("/customers/me/reservations", hugo).body().get("items")).isEmpty();

        assertThat(client.get("/stores/" + parisFirst + "/reservations?status=HELD", staffLyon).status()).isEqualTo(403);
        assertThat(client.get("/stores/" + parisFirst + "/reservations?status=HELD", camille).status()).isEqualTo(403);
        assertThat(client.get("/stores/" + parisFirst + "/reservations?status=HELD", staff).body().get("items"))
                .anySatisfy(r -> assertThat(r.get("id").asText()).isEqualTo(id));
        var completePath = "/stores/" + parisFirst + "/reservations/" + id + "/complete";
        assertThat(client.send("POST", completePath, staffLyon, null, Map.of()).status()).isEqualTo(403);
        var completed = client.send("POST", completePath, staff, null, Map.of());
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.body().get("status").asText()).isEqualTo("COMPLETED");
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before - 1);
        assertThat(client.send("POST", completePath, staff, null, Map.of()).status()).isEqualTo(409);

        var second = reserve(camille, "e2e-2", reserveBody("TSH-COT-BLU-M", parisFirst, 2)).body().get("id").asText();
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before - 3);
        var cancelled = client.send("DELETE", "/reservations/" + second, camille, null, Map.of());
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before - 1);
    }

    @Test
    void notEnoughStockListsTheStoresThatHaveIt() {
        var camille = client.token("cust-e2e-short", "customer", null);
        var refused = reserve(camille, "short-1", reserveBody("VES-LIN-BEI-M", parisFirst, 1));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
        assertThat(refused.body().get("type").asText()).endsWith("/insufficient-stock");
        assertThat(refused.body().get("alternatives")).isNotEmpty();
        assertThat(refused.body().get("alternatives")).anySatisfy(a -> assertThat(a.get("storeId").asText()).isEqualTo(lyon));
    }

    @Test
    void badInputGetsAClearProblemAndChangesNothing() {
        var camille = client.token("cust-e2e-bad", "customer", null);
        int before = available("TSH-COT-BLU-M", parisFirst);

        var noToken = reserve(null, "k", reserveBody("TSH-COT-BLU-M", parisFirst, 1));
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).isEqualTo("application/problem+json");
        assertThat(reserve("not.a.token", "k", reserveBody("TSH-COT-BLU-M", parisFirst, 1)).status()).isEqualTo(401);
        assertThat(reserve(camille, null, reserveBody("TSH-COT-BLU-M", parisFirst, 1)).body().get("errors").get(0)
                .get("field").asText()).isEqualTo("Idempotency-Key");
        assertThat(field(reserve(camille, "b1", reserveBody("TSH-COT-BLU-M", parisFirst, 0)))).isEqualTo("quantity");
        assertThat(field(reserve(camille, "b2", reserveBody("TSH-COT-BLU-M", parisFirst, 99)))).isEqualTo("quantity");
        assertThat(field(reserve(camille, "b3", reserveBody("TSH-COT-BLU-M", parisFirst, "\"two\"")))).isEqualTo("quantity");
        assertThat(field(reserve(camille, "b4", "{\"sku\": \"TSH"))).isEqualTo("body");
        assertThat(reserve(camille, "b5", reserveBody("NOPE-0", parisFirst, 1)).status()).isEqualTo(404);
        assertThat(reserve(camille, "b6", reserveBody("TSH-COT-BLU-M", "nowhere", 1)).status()).isEqualTo(404);
        assertThat(available("TSH-COT-BLU-M", parisFirst)).isEqualTo(before);
    }

    @Test
    void storeFeedByItsStaffOnlyAndNeverTwice() {
        var staff = client.token("staff-feed", "staff", lyon);
        var otherStaff = client.token("staff-feed-2", "staff", parisFirst);
        var ops = client.token("ops-1", "ops", null);
        var feed = "{\"feedSequence\": %d, \"lines\": [{\"sku\": \"TSH-COT-BLU-L\", \"onHand\": %d}]}";

        assertThat(client.send("PUT", "/stores/" + lyon + "/stock", otherStaff, feed.formatted(1, 5), Map.of()).status())
                .isEqualTo(403);
        var applied = client.send("PUT", "/stores/" + lyon + "/stock", staff, feed.formatted(100, 17), Map.of());
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().get("applied").asBoolean()).isTrue();
        assertThat(available("TSH-COT-BLU-L", lyon)).isEqualTo(17);
        var stale = client.send("PUT", "/stores/" + lyon + "/stock", ops, feed.formatted(100, 3), Map.of());
        assertThat(stale.body().get("applied").asBoolean()).isFalse();
        assertThat(stale.body().get("lastAppliedSequence").asLong()).isEqualTo(100);
        assertThat(available("TSH-COT-BLU-L", lyon)).isEqualTo(17);
        var bad = client.send("PUT", "/stores/" + lyon + "/stock", staff,
                "{\"feedSequence\": 101, \"lines\": [{\"sku\": \"NOPE-1\", \"onHand\": 1}, {\"sku\": \"TSH-COT-BLU-L\", \"onHand\": -1}]}",
                Map.of());
        assertThat(bad.status()).isEqualTo(400);
        // openapi.yaml's limits are checked first (every violation listed), then the rules it cannot state (known SKUs)
        assertThat(bad.body().get("errors")).extracting(e -> e.get("field").asText()).containsExactly("lines[1].onHand");
        var unknown = client.send("PUT", "/stores/" + lyon + "/stock", staff,
                "{\"feedSequence\": 101, \"lines\": [{\"sku\": \"NOPE-1\", \"onHand\": 1}, {\"sku\": \"TSH-COT-BLU-L\", \"onHand\": 2}]}",
                Map.of());
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body().get("errors")).hasSize(1);
        assertThat(available("TSH-COT-BLU-L", lyon)).isEqualTo(17);
    }

    private static String field(LocalClient.Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).isEqualTo("application/problem+json");
        return reply.body().get("errors").get(0).get("field").asText();
    }
}
