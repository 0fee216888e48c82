package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Through the local gateway: an order placed, accepted, made ready and collected, and an e-reservation held and
 * bought in store, show in GET /ops/kpis once the outbox stream has handed their events to kpiEvents (no KPI row is
 * written by the services themselves); ops see every store, staff their own, in JSON and CSV. A message sent by the
 * real dispatcher, its status callbacks and a STOP text move the message figures once each, however often Twilio
 * calls.
 */
class KpisEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static final String PARIS = "paris-rivoli";

    /** The KPIs as ops read them, once {@code until} holds (the stream poller hands events over within a second). */
    private static JsonNode awaitKpis(String token, String query, Predicate<JsonNode> until) throws InterruptedException {
        var deadline = java.time.Instant.now().plusSeconds(20);
        JsonNode last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            var reply = client.get("/ops/kpis?" + query, token);
            assertThat(reply.status()).isEqualTo(200);
            last = reply.body();
            if (until.test(last)) return last;
            Thread.sleep(200);
        }
        throw new AssertionError("the KPIs never showed it: " + last);
    }

    /** Yesterday to tomorrow in Paris, grouped by {@code groupBy}: today's counts whatever the hour. */
    private static String aroundToday(String groupBy) {
        var today = LocalDate.now(ZoneId.of("Europe/Paris"));
        return "from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&groupBy=" + groupBy;
    }

    private static JsonNode row(JsonNode kpis, String store) {
        for (var row : kpis.get("rows")) if (store.equals(row.get("store").asText())) return row;
        return null;
    }

    @Test
    void aCollectedOrderAndABoughtReservationShowInTheStoresKpis() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var lea = client.token("staff-lea", "staff", PARIS);
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var ops = client.token("ops-nadia", "ops", null);
        var today = LocalDate.now(ZoneId.of("Europe/Paris"));
        var query = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1) + "&groupBy=store";

        var placed = client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"" + PARIS + "\",\"contact\":{\"name\":\"Camille\",\"email\":\"camille.martin@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_kpi_123456\"}", Map.of("Idempotency-Key", "kpi-order-1"));
        assertThat(placed.status()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        assertThat(client.send("POST", "/stores/" + PARIS + "/orders/" + id + "/accept", lea, null, Map.of()).status()).isEqualTo(200);
        assertThat(client.send("POST", "/stores/" + PARIS + "/orders/" + id + "/ready", lea, null, Map.of()).status()).isEqualTo(200);
        var code = client.get("/orders/" + id, camille).body().get("pickupCode").asText();
        assertThat(client.send("POST", "/stores/" + PARIS + "/orders/" + id + "/collect", lea,
                "{\"pickupCode\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);

        var reserved = client.send("POST", "/reservations", camille,
                "{\"sku\":\"TSH-COT-BLU-M\",\"storeId\":\"" + PARIS + "\",\"quantity\":1}", Map.of("Idempotency-Key", "kpi-res-1"));
        assertThat(reserved.status()).isEqualTo(201);
        var reservation = reserved.body().get("id").asText();
        assertThat(client.send("POST", "/stores/" + PARIS + "/reservations/" + reservation + "/complete", lea, null,
                Map.of()).status()).isEqualTo(200);

        var kpis = awaitKpis(ops, query, k -> {
            var paris = row(k, PARIS);
            return paris != null && paris.get("ordersCollected").asInt() == 1 && paris.get("reservationsCompleted").asInt() == 1;
        });
        var paris = row(kpis, PARIS);
        assertThat(paris.get("ordersPlaced").asInt()).isEqualTo(1);
        assertThat(paris.get("ordersAccepted").asInt()).isEqualTo(1);
        assertThat(paris.get("ordersReady").asInt()).isEqualTo(1);
        assertThat(paris.get("ordersReadyOnTime").asInt()).isEqualTo(1);
        assertThat(paris.get("timeToReadyP50Minutes").asInt()).isEqualTo(15);
        assertThat(paris.get("pickupRate").asDouble()).isEqualTo(1.0);
        assertThat(paris.get("reservationsHeld").asInt()).isEqualTo(1);
        assertThat(paris.get("rejectionRate").asDouble()).isZero();
        // nothing to divide by: absent
        assertThat(paris.has("noShowRate")).isFalse();
        assertThat(paris.has("timeToRefundP50Hours")).isFalse();
        // Camille ordered online and bought in store: one customer on two channels, two purchases
        assertThat(kpis.get("customers")).anySatisfy(week -> {
            assertThat(week.get("activeCustomers").asInt()).isEqualTo(1);
            assertThat(week.get("multichannelCustomers").asInt()).isEqualTo(1);
            assertThat(week.get("repeatCustomers").asInt()).isEqualTo(1);
        });

        // staff: their store by default, never another's
        var own = client.get("/ops/kpis?" + query, lea);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.body().get("rows")).allSatisfy(r -> assertThat(r.get("store").asText()).isEqualTo(PARIS));
        assertThat(own.body().get("customers")).isEmpty();
        assertThat(client.get("/ops/kpis?" + query + "&storeId=" + PARIS, karim).status()).isEqualTo(403);
        assertThat(client.get("/ops/kpis?" + query, camille).status()).isEqualTo(403);
        assertThat(client.get("/ops/kpis?from=" + today + "&to=" + today.minusDays(3), ops).status()).isEqualTo(400);

        // CSV, by format or by Accept
        var csv = client.get("/ops/kpis?" + query + "&format=csv", ops);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        var lines = csv.raw().body().split("\r\n");
        assertThat(lines[0]).startsWith("periodStart,periodEnd,store,channel,ordersPlaced");
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("," + PARIS + ",,1,1,0,"));
        var accepted = client.send("GET", "/ops/kpis?" + query, ops, null, Map.of("Accept", "text/csv"));
        assertThat(accepted.contentType()).startsWith("text/csv");
    }

    private static JsonNode channelRow(JsonNode kpis, String store, String channel) {
        for (var row : kpis.get("rows")) {
            if (store.equals(row.path("store").asText()) && channel.equals(row.path("channel").asText())) return row;
        }
        return null;
    }

    /** The endless aisle: an order Karim sells in Lyon for pickup at Saint-Germain is a store sale, not a web order. */
    @Test
    void anOrderSoldInAStoreCountsInTheStoreChannel() throws Exception {
        var germain = "paris-saint-germain";
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var sold = client.send("POST", "/stores/lyon-republique/orders", karim, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\","
                + "\"quantity\":1}],\"pickupStoreId\":\"" + germain + "\",\"contact\":{\"name\":\"Hugo Lefèvre\","
                + "\"email\":\"hugo.lefevre@example.fr\"},\"paymentAuthorization\":\"pa_tpe_kpi_1\","
                + "\"customerId\":\"cust-hugo\"}", Map.of("Idempotency-Key", "kpi-aisle-1"));
        assertThat(sold.status()).as(sold.raw().body()).isEqualTo(201);
        assertThat(sold.body().get("status").asText()).isEqualTo("PLACED");

        var kpis = awaitKpis(client.token("ops-nadia", "ops", null), aroundToday("store,channel"), k -> {
            var row = channelRow(k, germain, "store");
            return row != null && row.get("ordersPlaced").asInt() == 1;
        });
        var web = channelRow(kpis, germain, "web");
        assertThat(web == null ? 0 : web.get("ordersPlaced").asInt()).as("not a web order").isZero();
    }

    @Test
    void aTextSentItsDeliveryAndAStopCountOnceEach() throws Exception {
        var lille = "lille-neuve";
        var guest = client.token("cust-kpi-guest", "customer", null);
        var ops = client.token("ops-nadia", "ops", null);
        var query = aroundToday("store,channel");
        // a guest who gave a phone number: the order's confirmation goes by SMS, about Lille's order
        var placed = client.send("POST", "/orders", guest, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"" + lille + "\",\"contact\":{\"name\":\"Invite\",\"phone\":\"+33611223344\"},"
                + "\"paymentAuthorization\":\"pa_kpi_sms_1\"}", Map.of("Idempotency-Key", "kpi-sms-order-1"));
        assertThat(placed.status()).isEqualTo(201);
        var sms = client.awaitInbox(i -> i.get("channel").asText().equals("SMS") && i.get("to").asText().equals("+33611223344")
                && i.get("status").asText().equals("delivered"));

        var kpis = awaitKpis(ops, query, k -> {
            var row = channelRow(k, lille, "sms");
            return row != null && row.get("messagesDelivered").asInt() == 1;
        });
        var row = channelRow(kpis, lille, "sms");
        assertThat(row.get("messagesSent").asInt()).isEqualTo(1);
        assertThat(row.get("smsSent").asInt()).isEqualTo(1);
        assertThat(row.get("smsSegments").asInt()).isBetween(1, 3);
        assertThat(row.get("deliveryRate").asDouble()).isEqualTo(1.0);
        assertThat(row.get("messagesFailed").asInt()).isZero();

        // Twilio calls back again (it does, at least once): the record does not move, nothing more is counted
        assertThat(stack.running().twilioStatusCallback(sms.get("id").asText(), "delivered")).isEqualTo(204);
        assertThat(stack.running().twilioStatusCallback(sms.get("id").asText(), "sent")).isEqualTo(204);

        // a STOP, then Twilio delivering the same text again
        var stop = "{\"from\":\"+33611223344\",\"body\":\"STOP\",\"messageSid\":\"SMkpi00000000000000000000000000stop\"}";
        assertThat(client.send("POST", "/_local/sms", null, stop, Map.of()).status()).isEqualTo(200);
        assertThat(client.send("POST", "/_local/sms", null, stop, Map.of()).status()).isEqualTo(200);
        kpis = awaitKpis(ops, query, k -> {
            var none = channelRow(k, "none", "sms");
            return none != null && none.get("smsStops").asInt() >= 1;
        });
        // what the stream had left to hand over has arrived by now: still once each
        Thread.sleep(1500);
        kpis = client.get("/ops/kpis?" + query, ops).body();
        assertThat(channelRow(kpis, "none", "sms").get("smsStops").asInt()).isEqualTo(1);
        row = channelRow(kpis, lille, "sms");
        assertThat(row.get("messagesSent").asInt()).isEqualTo(1);
        assertThat(row.get("messagesDelivered").asInt()).isEqualTo(1);

        // in CSV too
        var csv = client.get("/ops/kpis?" + query + "&format=csv", ops).raw().body();
        assertThat(csv.split("\r\n")[0]).contains("messagesSent,messagesDelivered,messagesFailed,deliveryRate")
                .endsWith("pointsIssued,pointsRedeemed,pointsReversed,pointsExpired");
    }
}
