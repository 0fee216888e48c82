package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A delivery order cancelled through the local gateway: the units are back at the shipping store, the parcel left its
 * queue, the customer is told that nothing will be charged, and a second cancel is refused.
 */
class DeliveryCancellationEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    // in the demo stock: linen jacket M at Lyon (the nearest to a Lyon address)
    private static final String JACKET = "VES-LIN-BEI-M";

    @Test
    void camilleCancelsHerDeliveryOrderTheStockIsBackSheIsToldAndASecondCancelIsRefused() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var hugo = client.token("cust-hugo", "customer", null);
        var lyon = client.token("staff-karim", "staff", "lyon-republique");
        int lyonBefore = client.available(JACKET, "lyon-republique");

        var placed = client.send("POST", "/delivery-orders", camille, "{\"lines\":[{\"sku\":\"" + JACKET
                + "\",\"quantity\":1}],\"address\":{\"name\":\"Camille Martin\",\"street\":\"12 rue de la République\","
                + "\"postcode\":\"69002\",\"city\":\"Lyon\",\"country\":\"FR\"},\"deliveryOption\":\"STANDARD\","
                + "\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille.martin@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_local_cancel_1\"}", Map.of("Idempotency-Key", "cancel-home-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        var shipment = placed.body().get("shipments").get(0).get("id").asText();
        assertThat(placed.body().get("shipments").get(0).get("locationId").asText()).isEqualTo("lyon-republique");
        assertThat(client.available(JACKET, "lyon-republique")).isEqualTo(lyonBefore - 1);

        var stranger = client.send("POST", "/delivery-orders/" + id + "/cancel", hugo, null, Map.of());
        assertThat(stranger.status()).as(stranger.raw().body()).isEqualTo(404);

        var cancelled = client.send("POST", "/delivery-orders/" + id + "/cancel", camille,
                "{\"reason\":\"commandé en double\"}", Map.of());
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(cancelled.body().get("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.body().get("shipments").get(0).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(client.available(JACKET, "lyon-republique")).isEqualTo(lyonBefore);
        assertThat(client.get("/stores/lyon-republique/shipments", lyon).body().get("items"))
                .noneSatisfy(s -> assertThat(s.get("id").asText()).isEqualTo(shipment));
        assertThat(client.get("/customers/me/deliveries", camille).body().get("items"))
                .anySatisfy(o -> {
                    assertThat(o.get("id").asText()).isEqualTo(id);
                    assertThat(o.get("status").asText()).isEqualTo("CANCELLED");
                });
        var ref = id.substring(id.length() - 6);
        client.awaitInbox(i -> i.get("text").asText().contains(ref)
                && (i.get("text").asText().contains("annulée") || i.get("text").asText().contains("cancelled")));

        var again = client.send("POST", "/delivery-orders/" + id + "/cancel", camille, null, Map.of());
        assertThat(again.status()).as(again.raw().body()).isEqualTo(409);
        assertThat(again.raw().headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(client.available(JACKET, "lyon-republique")).isEqualTo(lyonBefore);
    }
}
