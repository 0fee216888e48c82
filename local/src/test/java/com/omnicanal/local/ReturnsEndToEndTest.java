package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Bought by click-and-collect in Paris, returned in Lyon, refunded: through the gateway, with the customer's messages. */
class ReturnsEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    private static int onHand(String sku, String store) {
        return client.available(sku, store);
    }

    @Test
    void boughtInParisReturnedInLyonRefunded() throws Exception {
        var emma = client.token("cust-emma", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var ops = client.token("ops-nadia", "ops", null);

        var order = client.send("POST", "/orders", emma, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":2}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Emma Wilson\",\"email\":\"emma.wilson@example.com\"},"
                + "\"paymentAuthorization\":\"pa_emma_0001\"}", Map.of("Idempotency-Key", "ret-order")).body().get("id").asText();
        client.send("POST", "/stores/paris-rivoli/orders/" + order + "/accept", lea, null, Map.of());
        client.send("POST", "/stores/paris-rivoli/orders/" + order + "/ready", lea, null, Map.of());
        var code = client.get("/orders/" + order, emma).body().get("pickupCode").asText();
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + order + "/collect", lea,
                "{\"pickupCode\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);

        var tooMany = client.send("POST", "/returns", emma, "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"TSH-COT-BLU-M\","
                + "\"quantity\":3}],\"reason\":\"too small\",\"method\":\"store\"}", Map.of("Idempotency-Key", "ret-0"));
        assertThat(tooMany.status()).isEqualTo(400);
        var requested = client.send("POST", "/returns", emma, "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"TSH-COT-BLU-M\","
                + "\"quantity\":1}],\"reason\":\"too small\",\"method\":\"store\",\"storeId\":\"lyon-republique\"}",
                Map.of("Idempotency-Key", "ret-1"));
        assertThat(requested.status()).isEqualTo(201);
        var id = requested.body().get("id").asText();
        var returnCode = requested.body().get("code").asText();
        var authorized = client.awaitInbox(i -> i.get("channel").asText().equals("EMAIL") && i.get("text").asText().contains(returnCode));
        assertThat(authorized.get("subject").asText()).isEqualTo("Your return " + returnCode + " is accepted");

        int lyonBefore = onHand("TSH-COT-BLU-M", "lyon-republique");
        var receive = "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1,\"condition\":\"resellable\"}]}";
        assertThat(client.send("POST", "/stores/lyon-republique/returns/" + id + "/receive", lea, receive, Map.of()).status())
                .isEqualTo(403);
        var received = client.send("POST", "/stores/lyon-republique/returns/" + id + "/receive", karim, receive, Map.of());
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.body().get("status").asText()).isEqualTo("REFUND_PENDING");
        assertThat(onHand("TSH-COT-BLU-M", "lyon-republique")).isEqualTo(lyonBefore + 1);
        assertThat(client.send("POST", "/stores/lyon-republique/returns/" + id + "/receive", karim, receive, Map.of()).status())
                .isEqualTo(409);
        assertThat(onHand("TSH-COT-BLU-M", "lyon-republique")).isEqualTo(lyonBefore + 1);
        // the reception wrote its business event with it, once, for feedback (the demo questionnaire asks after pickups)
        var event = stack.running().dynamo().client().getItem(r -> r.tableName(stack.running().dynamo().tables().outbox()).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("EVENT#RETURN_RECEIVED#" + id)))).item();
        assertThat(OutboxItems.event(event)).isInstanceOfSatisfying(BusinessEvent.ReturnReceived.class, e -> {
            assertThat(e.returnId()).isEqualTo(id);
            assertThat(e.customerId()).isEqualTo("cust-emma");
            assertThat(e.storeId()).isEqualTo("lyon-republique");
            assertThat(e.skus()).containsExactly("TSH-COT-BLU-M");
        });

        assertThat(client.send("POST", "/ops/returns/" + id + "/refund", karim, "{\"refundReference\":\"RF-0001\"}", Map.of())
                .status()).isEqualTo(403);
        var refunded = client.send("POST", "/ops/returns/" + id + "/refund", ops, "{\"refundReference\":\"RF-0001\"}", Map.of());
        assertThat(refunded.body().get("status").asText()).isEqualTo("REFUNDED");
        client.awaitInbox(i -> i.get("text").asText().contains("RF-0001"));

        var today = LocalDate.now(ZoneOffset.UTC).toString();
        var report = client.get("/ops/stores/lyon-republique/returns-report?from=" + today + "&to=" + today, ops).body();
        assertThat(report.get("receivedForOtherStores").get("units").asInt()).isGreaterThanOrEqualTo(1);
        var paris = client.get("/ops/stores/paris-rivoli/returns-report?from=" + today + "&to=" + today, lea).body();
        assertThat(paris.get("soldHereReturnedElsewhere").get("returns").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(client.get("/ops/stores/paris-rivoli/returns-report?from=yesterday", ops).status()).isEqualTo(400);
        assertThat(client.get("/returns/" + id, client.token("cust-hugo", "customer", null)).status()).isEqualTo(404);
    }
}
