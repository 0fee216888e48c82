package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.infrastructure.http.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The whole click-and-collect journey through the local gateway, with the customer's messages in the local inbox. */
class ClickAndCollectEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    private static String order(String sku, String email) {
        return "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],\"pickupStoreId\":\"paris-rivoli\","
                + "\"contact\":{\"name\":\"Client\",\"email\":\"" + email + "\"},\"paymentAuthorization\":\"pa_local_123456\"}";
    }

    private static int available(String sku, String store) {
        return client.available(sku, store);
    }

    @Test
    void orderPrepareNotifyAndCollectWithThePickupCode() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        int before = available("TSH-COT-BLU-M", "paris-rivoli");

        var placed = client.send("POST", "/orders", camille, order("TSH-COT-BLU-M", "camille.martin@example.fr"),
                Map.of("Idempotency-Key", "cc-1"));
        assertThat(placed.status()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        assertThat(placed.body().get("status").asText()).isEqualTo("PLACED");
        assertThat(available("TSH-COT-BLU-M", "paris-rivoli")).isEqualTo(before - 1);
        client.awaitInbox(i -> i.get("channel").asText().equals("SMS") && i.get("text").asText()
                .contains("commande " + id.substring(id.length() - 6)));

        var queue = client.get("/stores/paris-rivoli/orders?status=PLACED", lea).body();
        assertThat(queue.get("items")).anySatisfy(q -> assertThat(q.get("order").get("id").asText()).isEqualTo(id));
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/accept", karim, null, Map.of()).status())
                .isEqualTo(403);
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/accept", lea, null, Map.of()).status())
                .isEqualTo(200);
        var ready = client.send("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, Map.of());
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.body().has("pickupCode")).as("staff never see the code").isFalse();

        var code = client.get("/orders/" + id, camille).body().get("pickupCode").asText();
        var sms = client.awaitInbox(i -> i.get("text").asText().contains(code));
        assertThat(sms.get("channel").asText()).isEqualTo("SMS");
        // today's and tomorrow's hours, in French, whatever day the suite runs
        assertThat(sms.get("text").asText()).contains("112 rue de Rivoli").contains("Horaires : aujourd'hui ")
                .contains(", demain ").doesNotContain("MON ", "...");

        var wrong = client.send("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea, "{\"pickupCode\":\"XXXXXX\"}", Map.of());
        assertThat(wrong.status()).isEqualTo(409);
        assertThat(wrong.body().get("detail").asText()).contains("4 tries left");
        var collected = client.send("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea,
                "{\"pickupCode\":\"" + code + "\"}", Map.of());
        assertThat(collected.status()).isEqualTo(200);
        assertThat(collected.body().get("status").asText()).isEqualTo("COLLECTED");
        assertThat(available("TSH-COT-BLU-M", "paris-rivoli")).isEqualTo(before - 1);
        assertThat(client.get("/orders/" + id, camille).body().get("timeline")).extracting(e -> e.get("status").asText())
                .containsExactly("PLACED", "ACCEPTED", "READY", "COLLECTED");
        assertThat(client.get("/customers/me/orders", camille).body().get("items"))
                .anySatisfy(o -> assertThat(o.get("id").asText()).isEqualTo(id));
        assertThat(client.send("DELETE", "/orders/" + id, camille, null, Map.of()).status()).isEqualTo(409);

        com.omnicanal.Wiring.shared().orderSweeper().apply(null);
        assertThat(com.omnicanal.Wiring.shared().payments().calls())
                .anySatisfy(c -> assertThat(c.orderId() + c.action()).isEqualTo(id + "CAPTURE"));

        // the collection wrote its business event with it; the outbox stream handed it to feedback's function, which
        // scheduled Camille's invitation (she agreed to be asked): no schedule run, no call from the order function
        var invitation = awaitScheduledInvitation("ORDER_COLLECTED#" + id);
        assertThat(invitation.get("status").s()).isEqualTo("SCHEDULED");
        assertThat(invitation.get("json").s()).contains("\"questionnaireId\":\"q-demo-pickup\"", "\"who\":\"cust-camille\"");
    }

    /** The invitation feedback scheduled for this event, once the outbox stream has handed the event over. */
    private static Map<String, AttributeValue> awaitScheduledInvitation(String eventId) throws InterruptedException {
        var dynamo = stack.running().dynamo().client();
        var table = stack.running().dynamo().tables().feedback();
        for (int i = 0; i < 100; i++) {
            var claim = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                    "pk", AttributeValue.fromS("EVENT#" + eventId), "sk", AttributeValue.fromS("EVENT")))).item();
            if (claim != null && !claim.isEmpty()) {
                return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                        "pk", AttributeValue.fromS("INV#" + claim.get("invitationId").s()), "sk", AttributeValue.fromS("INV"))))
                        .item();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no invitation scheduled for " + eventId);
    }

    /** The sum of a series at /_local/metrics (0 before its first value). */
    private static double metric(String name, Map<String, String> dimensions) {
        for (var series : client.get("/_local/metrics", null).body().get("series")) {
            var dims = Json.MAPPER.convertValue(series.get("dimensions"), Map.class);
            if (series.get("metric").asText().equals(name) && dims.equals(dimensions)) return series.get("sum").asDouble();
        }
        return 0;
    }

    @Test
    void theLocalStackShowsTheMetricsAJourneyWouldHaveSent() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var byStore = Map.of("StoreId", "paris-rivoli");
        double placedHere = metric("OrdersPlaced", byStore);
        double placed = metric("OrdersPlaced", Map.of());
        double sentBySms = metric("MessagesSent", Map.of("Channel", "SMS"));
        double orderAnswers = metric("ApiServerErrors", Map.of("Capability", "order"));

        var order = client.send("POST", "/orders", camille, order("BOU-CIR-FIG", "camille.martin@example.fr"),
                Map.of("Idempotency-Key", "cc-metrics"));
        assertThat(order.status()).isEqualTo(201);
        var id = order.body().get("id").asText();
        client.awaitInbox(i -> i.get("text").asText().contains("commande " + id.substring(id.length() - 6)));

        assertThat(metric("OrdersPlaced", byStore)).isEqualTo(placedHere + 1);
        assertThat(metric("OrdersPlaced", Map.of())).isEqualTo(placed + 1);
        assertThat(metric("MessagesSent", Map.of("Channel", "SMS"))).isGreaterThanOrEqualTo(sentBySms + 1);
        // an answer that was not a 5xx adds 0: the series is there, its sum unchanged
        assertThat(client.get("/_local/metrics", null).body().get("series")).anySatisfy(series -> {
            assertThat(series.get("metric").asText()).isEqualTo("ApiLatency");
            assertThat(series.get("dimensions").get("Capability").asText()).isEqualTo("order");
            assertThat(series.get("samples").asLong()).isPositive();
        });
        assertThat(metric("ApiServerErrors", Map.of("Capability", "order"))).isEqualTo(orderAnswers);
    }

    @Test
    void aLineMissingAtThePickupStoreOffersOptionsAndTheCustomerPicksAnotherStore() throws Exception {
        var hugo = client.token("cust-hugo", "customer", null);
        var placed = client.send("POST", "/orders", hugo, order("VES-LIN-BEI-M", "hugo.lefevre@example.fr"),
                Map.of("Idempotency-Key", "cc-2"));
        assertThat(placed.status()).isEqualTo(201);
        assertThat(placed.body().get("status").asText()).isEqualTo("AWAITING_CUSTOMER");
        var id = placed.body().get("id").asText();
        assertThat(placed.body().get("options")).extracting(o -> o.get("id").asText())
                .contains("store:paris-saint-germain", "store:lyon-republique");
        int before = available("VES-LIN-BEI-M", "paris-saint-germain");

        var confirmed = client.send("POST", "/orders/" + id + "/confirm-option", hugo,
                "{\"optionId\":\"store:paris-saint-germain\"}", Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));

        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body().get("pickupStoreId").asText()).isEqualTo("paris-saint-germain");
        assertThat(available("VES-LIN-BEI-M", "paris-saint-germain")).isEqualTo(before - 1);
        assertThat(client.send("POST", "/orders/" + id + "/confirm-option", hugo, "{\"optionId\":\"nope\"}", Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()))
                .status()).isEqualTo(409);
    }

    @Test
    void aCustomerWithoutAProfileIsToldAtTheContactGivenWithTheOrder() throws Exception {
        var guest = client.token("guest-7f3a", "customer", null);
        var placed = client.send("POST", "/orders", guest, order("TSH-COT-BLU-M", "guest@example.org"),
                Map.of("Idempotency-Key", "cc-3"));
        var id = placed.body().get("id").asText();
        var mail = client.awaitInbox(i -> i.get("channel").asText().equals("EMAIL") && i.get("to").asText().equals("guest@example.org"));
        assertThat(mail.get("subject").asText()).contains(id.substring(id.length() - 6));
        assertThat(mail.get("html").asText()).contains("<h1");
        assertThat(client.send("DELETE", "/orders/" + id, guest, null, Map.of()).body().get("status").asText())
                .isEqualTo("CANCELLED");
    }

    @Test
    void badOrdersAreRefusedWithTheFieldsNamed() {
        var camille = client.token("cust-camille", "customer", null);
        var bad = client.send("POST", "/orders", camille, "{\"lines\":[],\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"C\"},"
                + "\"paymentAuthorization\":\"x\"}", Map.of("Idempotency-Key", "cc-bad"));
        assertThat(bad.status()).isEqualTo(400);
        // openapi.yaml's limits first, every violation listed; then the rules it cannot state (a contact needs a way to reach it)
        assertThat(bad.body().get("errors")).extracting(e -> e.get("field").asText())
                .contains("lines", "paymentAuthorization");
        // what openapi.yaml states is refused before the handler, every field named (the handler's own rules: PlacingOrdersTest)
        var shapeless = client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"NOPE\",\"quantity\":0}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"\",\"email\":\"not-an-email\",\"phone\":\"12\"},"
                + "\"paymentAuthorization\":\"x\"}", Map.of("Idempotency-Key", "cc-bad-shape"));
        assertThat(shapeless.status()).isEqualTo(400);
        assertThat(shapeless.body().get("errors")).extracting(e -> e.get("field").asText())
                .containsExactlyInAnyOrder("lines[0].quantity", "contact.name", "contact.email", "paymentAuthorization");
        var unreachable = client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"C\"},\"paymentAuthorization\":\"pa_123456\"}",
                Map.of("Idempotency-Key", "cc-bad-2"));
        assertThat(unreachable.status()).isEqualTo(400);
        assertThat(unreachable.body().get("errors")).extracting(e -> e.get("field").asText()).contains("contact");
        assertThat(client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"nowhere\",\"contact\":{\"name\":\"C\",\"email\":\"c@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_123456\"}", Map.of("Idempotency-Key", "cc-404")).status()).isEqualTo(404);
    }
}
