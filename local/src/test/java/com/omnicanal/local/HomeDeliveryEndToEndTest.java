package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A web order delivered home, through the local gateway: split between a store and the warehouse, the store rejects,
 * its lines go to the next store at once, both parcels leave with tracking references, and the customer is told.
 */
class HomeDeliveryEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    // in the demo stock: linen jacket M at Lyon and Paris Saint-Germain, none at the warehouse; the leather bag only there
    private static final String JACKET = "VES-LIN-BEI-M";
    private static final String BAG = "SAC-CUI-CAM";

    @Test
    void aSplitOrderReroutesAfterARejectionAndTheCustomerGetsTheTrackingMessages() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var lyon = client.token("staff-karim", "staff", "lyon-republique");
        var saintGermain = client.token("staff-ines", "staff", "paris-saint-germain");
        var ops = client.token("ops-amelie", "ops", null);
        int lyonBefore = client.available(JACKET, "lyon-republique");

        // a Lyon address with no coordinates: its postcode's département places it
        var placed = client.send("POST", "/delivery-orders", camille, "{\"lines\":[{\"sku\":\"" + JACKET
                + "\",\"quantity\":1},{\"sku\":\"" + BAG + "\",\"quantity\":1}],\"address\":{\"name\":\"Camille Martin\","
                + "\"street\":\"12 rue de la République\",\"postcode\":\"69002\",\"city\":\"Lyon\",\"country\":\"FR\"},"
                + "\"deliveryOption\":\"STANDARD\",\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille.martin@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_local_home_1\"}", Map.of("Idempotency-Key", "home-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        var shipments = placed.body().get("shipments");
        assertThat(shipments).extracting(s -> s.get("locationId").asText()).containsExactlyInAnyOrder("lyon-republique", "WEB");
        assertThat(client.available(JACKET, "lyon-republique")).isEqualTo(lyonBefore - 1);
        var ref = id.substring(id.length() - 6);
        client.awaitInbox(i -> i.get("text").asText().contains(ref) && i.get("text").asText().contains("69002"));

        String atLyon = null;
        String atWarehouse = null;
        for (var s : shipments) {
            if (s.get("locationId").asText().equals("WEB")) atWarehouse = s.get("id").asText();
            else atLyon = s.get("id").asText();
        }
        var offeredAtLyon = atLyon;
        assertThat(client.get("/stores/lyon-republique/shipments", lyon).body().get("items"))
                .anySatisfy(s -> assertThat(s.get("id").asText()).isEqualTo(offeredAtLyon));
        var rejected = client.send("POST", "/stores/lyon-republique/shipments/" + atLyon + "/reject", lyon,
                "{\"reason\":\"abîmée\"}", Map.of());
        assertThat(rejected.status()).as(rejected.raw().body()).isEqualTo(200);
        assertThat(client.available(JACKET, "lyon-republique")).isEqualTo(lyonBefore);

        // routed again at once: the jacket now ships from Paris Saint-Germain, nothing is lost
        var order = client.get("/delivery-orders/" + id, camille).body();
        assertThat(order.get("waiting")).isEmpty();
        String atSaintGermain = null;
        for (var s : order.get("shipments")) {
            if (s.get("locationId").asText().equals("paris-saint-germain")) atSaintGermain = s.get("id").asText();
        }
        assertThat(atSaintGermain).as("a shipment at the next store: %s", order).isNotNull();
        var routing = client.get("/ops/orders/" + id + "/routing", ops).body().get("decisions");
        assertThat(routing).hasSize(2);
        assertThat(routing.get(1).get("occasion").asText()).contains("lyon-republique");
        assertThat(routing.get(1).get("decision").get("candidates"))
                .anySatisfy(c -> {
                    assertThat(c.get("locationId").asText()).isEqualTo("lyon-republique");
                    assertThat(c.get("excludedBy").asText()).isEqualTo("REJECTED_THIS_ORDER");
                });

        var tracking = new ArrayList<String>();
        handOver(saintGermain, "paris-saint-germain", atSaintGermain, "6A00000000019", tracking);
        handOver(ops, "WEB", atWarehouse, "6A00000000026", tracking);

        for (var t : tracking) client.awaitInbox(i -> i.get("text").asText().contains(t));
        client.awaitInbox(i -> i.get("text").asText().contains(ref) && i.get("text").asText().contains("préparation"));
        var shipped = client.get("/delivery-orders/" + id, camille).body();
        assertThat(shipped.get("status").asText()).isEqualTo("SHIPPED");
        // Camille sees who acted as a role, never a staff member's id nor why a store refused; ops see both
        assertThat(shipped.toString()).doesNotContain("staff-").doesNotContain("abîmée").contains("\"by\":\"store\"");
        assertThat(client.get("/delivery-orders/" + id, ops).body().toString()).contains("staff-karim").contains("abîmée");
        com.omnicanal.Wiring.shared().orderSweeper().apply(null);
        var atStore = atSaintGermain;
        assertThat(com.omnicanal.Wiring.shared().payments().calls())
                .anySatisfy(c -> assertThat(c.orderId() + c.action()).isEqualTo(atStore + "CAPTURE"));
    }

    private static void handOver(String token, String place, String shipment, String trackingRef, ArrayList<String> told) {
        var base = "/stores/" + place + "/shipments/" + shipment;
        for (var step : new String[] {"accept", "pick", "pack"}) {
            var reply = client.send("POST", base + "/" + step, token, null, Map.of());
            assertThat(reply.status()).as(step + ": " + reply.raw().body()).isEqualTo(200);
        }
        var left = client.send("POST", base + "/hand-over", token,
                "{\"carrier\":\"Colissimo\",\"trackingRef\":\"" + trackingRef + "\"}", Map.of());
        assertThat(left.status()).as(left.raw().body()).isEqualTo(200);
        assertThat(left.body().get("status").asText()).isEqualTo("HANDED_OVER");
        told.add(trackingRef);
    }
}
