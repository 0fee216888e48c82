package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web order partly paid with points, through the local gateway: Camille spends points for a code, pays part of a
 * click-and-collect order with it (Hugo cannot), collects it, returns one line; the capture, the points earned, the
 * refund and the points taken back are all on the money paid, each once.
 */
class PointsPaidOrderEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    private static String order(String code, String authorization) {
        return "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":2},{\"sku\":\"BOU-CIR-FIG\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille.martin@example.fr\"},"
                + "\"paymentAuthorization\":\"" + authorization + "\"" + (code == null ? "" : ",\"rewardCode\":\"" + code + "\"") + "}";
    }

    private static long awaitAccount(String token, String field, LongPredicate done) throws InterruptedException {
        var deadline = System.nanoTime() + 30_000_000_000L;
        long value;
        do {
            Thread.sleep(200);
            value = client.get("/customers/me/loyalty", token).body().get(field).asLong();
        } while (!done.test(value) && System.nanoTime() < deadline);
        return value;
    }

    /** The order as the API showed it, to spread its discount over its lines as the order does. */
    private static Order asOrder(JsonNode body) {
        var lines = new ArrayList<Order.Line>();
        body.get("lines").forEach(l -> lines.add(new Order.Line(l.get("sku").asText(), "", l.get("quantity").asInt(),
                l.get("unitPriceCents").asInt(), "paris-rivoli")));
        var discount = body.get("pointsDiscount");
        return new Order("o", "c", "s", "s", lines, null, "pa", body.get("totalCents").asInt(), OrderStatus.COLLECTED, null,
                0, false, Instant.EPOCH, null, null, null, List.of(), List.of(), List.of(), Instant.EPOCH)
                .withDiscount(new Order.Discount(discount.get("code").asText(), discount.get("points").asLong(),
                        discount.get("amountCents").asInt()));
    }

    @Test
    void aWebOrderPartlyPaidWithPointsIsCollectedAndOneLineReturnedWithEveryBalanceRight() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var hugo = client.token("cust-hugo", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var before = client.get("/customers/me/loyalty", camille).body();

        var spend = client.send("POST", "/customers/me/loyalty/rewards", camille, "{\"points\":100}",
                Map.of("Idempotency-Key", "pts-order-spend"));
        assertThat(spend.status()).as(spend.raw().body()).isEqualTo(201);
        var code = spend.body().get("code").asText();
        long value = spend.body().get("amountOffCents").asLong();
        assertThat(client.get("/customers/me/loyalty", camille).body().get("available").asLong())
                .isEqualTo(before.get("available").asLong() - 100);

        // nobody else's code: Hugo is told it does not exist, and it stays Camille's to use
        var stolen = client.send("POST", "/orders", hugo, order(code, "pa_hugo_points_1"), Map.of("Idempotency-Key", "pts-hugo"));
        assertThat(stolen.status()).as(stolen.raw().body()).isEqualTo(404);
        assertThat(stolen.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(client.get("/customers/me/orders", hugo).body().get("items")).isEmpty();

        var placed = client.send("POST", "/orders", camille, order(code, "pa_camille_points_1"), Map.of("Idempotency-Key", "pts-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        assertThat(placed.body().get("pointsDiscount").get("points").asLong()).isEqualTo(100);
        assertThat(placed.body().get("pointsDiscount").get("amountCents").asLong()).isEqualTo(value);
        int total = placed.body().get("totalCents").asInt();
        assertThat(placed.body().get("amountDueCents").asLong()).isEqualTo(total - value);
        var again = client.send("POST", "/orders", camille, order(code, "pa_camille_points_1"), Map.of("Idempotency-Key", "pts-1"));
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.body().get("id").asText()).isEqualTo(id);
        var twice = client.send("POST", "/orders", camille, order(code, "pa_camille_points_2"), Map.of("Idempotency-Key", "pts-2"));
        assertThat(twice.status()).as(twice.raw().body()).isEqualTo(409);

        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/accept", lea, null, Map.of()).status()).isEqualTo(200);
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, Map.of()).status()).isEqualTo(200);
        var pickup = client.get("/orders/" + id, camille).body().get("pickupCode").asText();
        var collected = client.send("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea,
                "{\"pickupCode\":\"" + pickup + "\"}", Map.of());
        assertThat(collected.status()).as(collected.raw().body()).isEqualTo(200);

        // earned on the money paid, each line its share of the discount less
        var paid = asOrder(placed.body()).paidBySku();
        long earned = paid.values().stream().mapToLong(p -> p / 100).sum();
        assertThat(earned).isLessThan(total / 100 - value / 100 + 1);
        long pendingBefore = before.get("pending").asLong();
        assertThat(awaitAccount(camille, "pending", p -> p == pendingBefore + earned)).isEqualTo(pendingBefore + earned);
        assertThat(client.get("/customers/me/timeline", camille).body().toString()).contains("100 points off");

        // the fig candle comes back: refunded at what it cost in money, its earned points taken back once
        var requested = client.send("POST", "/returns", camille, "{\"orderId\":\"" + id + "\",\"lines\":[{\"sku\":"
                + "\"BOU-CIR-FIG\",\"quantity\":1}],\"reason\":\"gift\",\"method\":\"store\",\"storeId\":\"paris-rivoli\"}",
                Map.of("Idempotency-Key", "pts-return"));
        assertThat(requested.status()).as(requested.raw().body()).isEqualTo(201);
        var returnId = requested.body().get("id").asText();
        var receive = "{\"lines\":[{\"sku\":\"BOU-CIR-FIG\",\"quantity\":1,\"condition\":\"resellable\"}]}";
        var received = client.send("POST", "/stores/paris-rivoli/returns/" + returnId + "/receive", lea, receive, Map.of());
        assertThat(received.status()).as(received.raw().body()).isEqualTo(200);
        assertThat(received.body().get("refundCents").asLong()).isEqualTo(paid.get("BOU-CIR-FIG"));
        assertThat(client.send("POST", "/stores/paris-rivoli/returns/" + returnId + "/receive", lea, receive, Map.of()).status())
                .as("a return received twice").isEqualTo(409);
        long afterReturn = pendingBefore + earned - paid.get("BOU-CIR-FIG") / 100;
        assertThat(awaitAccount(camille, "pending", p -> p == afterReturn)).isEqualTo(afterReturn);
        Thread.sleep(1500);
        var account = client.get("/customers/me/loyalty", camille).body();
        assertThat(account.get("pending").asLong()).isEqualTo(afterReturn);
        // the points that paid part of the order are neither taken a second time nor given back
        assertThat(account.get("available").asLong()).isEqualTo(before.get("available").asLong() - 100);
        var reversals = new ArrayList<JsonNode>();
        client.get("/customers/me/loyalty/ledger?limit=200", camille).body().get("items").forEach(e -> {
            if (e.get("type").asText().equals("REVERSE")) reversals.add(e);
        });
        assertThat(reversals).singleElement().satisfies(e -> assertThat(e.get("source").get("id").asText()).isEqualTo(returnId));
    }

    @Test
    void aCancelledOrderGivesTheCodeBackForTheNextOne() {
        var camille = client.token("cust-camille", "customer", null);
        var spend = client.send("POST", "/customers/me/loyalty/rewards", camille, "{\"points\":100}",
                Map.of("Idempotency-Key", "pts-cancel-spend"));
        var code = spend.body().get("code").asText();
        var first = client.send("POST", "/orders", camille, order(code, "pa_camille_cancel_1"), Map.of("Idempotency-Key", "pts-c1"));
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        var id = first.body().get("id").asText();
        assertThat(client.send("DELETE", "/orders/" + id, camille, null, Map.of()).status()).isEqualTo(200);
        var next = client.send("POST", "/orders", camille, order(code, "pa_camille_cancel_2"), Map.of("Idempotency-Key", "pts-c2"));
        assertThat(next.status()).as(next.raw().body()).isEqualTo(201);
        assertThat(next.body().get("pointsDiscount").get("code").asText()).isEqualTo(code);
    }
}
