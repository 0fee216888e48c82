package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endless aisle paid partly with points, through the local gateway: staff in Lyon sell Camille, in front of them,
 * what their store lacks, delivered home, with the code she bought with her points (not Hugo's, not for a guest); each
 * parcel captures its share at its hand-over, and the captures add up to what she owes. She finds it in her own list of
 * delivery orders; nobody else does.
 */
class PointsPaidDeliveryEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    // in the demo stock: linen jacket M at Lyon and Paris Saint-Germain, none at the warehouse; the leather bag only there
    private static final String JACKET = "VES-LIN-BEI-M";
    private static final String BAG = "SAC-CUI-CAM";

    private static String sale(String customerId, String code, String authorization) {
        return "{\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1},{\"sku\":\"" + BAG + "\",\"quantity\":1}],"
                + "\"address\":{\"name\":\"Camille Martin\",\"street\":\"12 rue de la République\",\"postcode\":\"69002\","
                + "\"city\":\"Lyon\",\"country\":\"FR\"},\"deliveryOption\":\"STANDARD\","
                + "\"contact\":{\"name\":\"Camille Martin\",\"email\":\"camille.martin@example.fr\"},"
                + "\"paymentAuthorization\":\"" + authorization + "\""
                + (customerId == null ? "" : ",\"customerId\":\"" + customerId + "\"")
                + (code == null ? "" : ",\"rewardCode\":\"" + code + "\"") + "}";
    }

    private static String spend(String token, String key) {
        var spent = client.send("POST", "/customers/me/loyalty/rewards", token, "{\"points\":200}",
                Map.of("Idempotency-Key", key));
        assertThat(spent.status()).as(spent.raw().body()).isEqualTo(201);
        return spent.body().get("code").asText();
    }

    @Test
    void staffSellWithTheCustomersPointsCodeForHomeDeliveryAndEachHandOverCapturesItsShare() throws InterruptedException {
        var camille = client.token("cust-camille", "customer", null);
        var hugo = client.token("cust-hugo", "customer", null);
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var ops = client.token("ops-amelie", "ops", null);
        var code = spend(camille, "aisle-pts-spend");
        var hugos = spend(hugo, "aisle-pts-spend-hugo");

        // another customer's code is unknown to her order; a guest has no code; neither writes anything
        var stolen = client.send("POST", "/stores/lyon-republique/delivery-orders", karim,
                sale("cust-camille", hugos, "pa_aisle_pts_0"), Map.of("Idempotency-Key", "aisle-pts-0"));
        assertThat(stolen.status()).as(stolen.raw().body()).isEqualTo(404);
        var guest = client.send("POST", "/stores/lyon-republique/delivery-orders", karim, sale(null, code, "pa_aisle_pts_g"),
                Map.of("Idempotency-Key", "aisle-pts-g"));
        assertThat(guest.status()).as(guest.raw().body()).isEqualTo(400);
        var forPickup = client.send("POST", "/stores/lyon-republique/orders", karim, "{\"lines\":[{\"sku\":\"" + JACKET
                + "\",\"quantity\":1}],\"pickupStoreId\":\"lyon-republique\","
                + "\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"06 12 34 56 78\"},"
                + "\"paymentAuthorization\":\"pa_aisle_pts_p\",\"customerId\":\"cust-camille\",\"rewardCode\":\"" + hugos + "\"}",
                Map.of("Idempotency-Key", "aisle-pts-p"));
        assertThat(forPickup.status()).as(forPickup.raw().body()).isEqualTo(404);
        assertThat(client.get("/customers/me/deliveries", camille).body().get("items")).isEmpty();

        var placed = client.send("POST", "/stores/lyon-republique/delivery-orders", karim,
                sale("cust-camille", code, "pa_aisle_pts_1"), Map.of("Idempotency-Key", "aisle-pts-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var order = placed.body();
        var id = order.get("id").asText();
        long off = order.get("pointsDiscount").get("amountCents").asLong();
        assertThat(order.get("pointsDiscount").get("points").asLong()).isEqualTo(200);
        assertThat(order.get("amountDueCents").asLong()).isEqualTo(order.get("totalCents").asLong() - off);
        assertThat(order.get("soldBy").get("storeId").asText()).isEqualTo("lyon-republique");
        var shares = new HashMap<String, Long>();
        String atLyon = null;
        String atWarehouse = null;
        for (JsonNode s : order.get("shipments")) {
            shares.put(s.get("id").asText(), s.get("amountCents").asLong());
            if (s.get("locationId").asText().equals("WEB")) atWarehouse = s.get("id").asText();
            else atLyon = s.get("id").asText();
        }
        assertThat(atLyon).isNotNull();
        assertThat(atWarehouse).isNotNull();
        assertThat(shares.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(order.get("amountDueCents").asLong());
        var twice = client.send("POST", "/delivery-orders", camille, sale(null, code, "pa_aisle_pts_2"),
                Map.of("Idempotency-Key", "aisle-pts-2"));
        assertThat(twice.status()).as(twice.raw().body()).isEqualTo(409);

        // her own list has it; Hugo's does not; staff have no such list
        assertThat(client.get("/customers/me/deliveries", camille).body().get("items"))
                .singleElement().satisfies(o -> {
                    assertThat(o.get("id").asText()).isEqualTo(id);
                    assertThat(o.get("shipments")).hasSize(2);
                });
        assertThat(client.get("/customers/me/deliveries", hugo).body().get("items")).isEmpty();
        assertThat(client.get("/customers/me/deliveries", karim).status()).isEqualTo(403);

        handOver(karim, "lyon-republique", atLyon, "6A00000000033");
        handOver(ops, "WEB", atWarehouse, "6A00000000040");
        assertThat(client.get("/delivery-orders/" + id, camille).body().get("status").asText()).isEqualTo("SHIPPED");
        com.omnicanal.Wiring.shared().orderSweeper().apply(null);
        var captured = com.omnicanal.Wiring.shared().payments().calls().stream()
                .filter(c -> shares.containsKey(c.orderId()) && c.action().equals("CAPTURE")).toList();
        assertThat(captured).hasSize(2).allSatisfy(c -> {
            assertThat(c.amountCents()).isEqualTo(shares.get(c.orderId()).intValue());
            assertThat(c.authorization()).isEqualTo("pa_aisle_pts_1");
        });
        assertThat(captured.stream().mapToLong(c -> c.amountCents()).sum()).isEqualTo(order.get("amountDueCents").asLong());

        // Lyon's sales report credits Karim with what the card paid, not the catalogue total (the outbox stream counts it)
        var deadline = java.time.Instant.now().plusSeconds(20);
        JsonNode karims = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            for (var line : client.get("/stores/lyon-republique/reports/sales", karim).body().get("staff")) {
                if (line.get("staffId").asText().equals("staff-karim") && line.get("shipments").asInt() == 2) karims = line;
            }
            if (karims != null) break;
            Thread.sleep(200);
        }
        assertThat(karims).as("Karim's two shipments in Lyon's report").isNotNull();
        assertThat(karims.get("orders").asInt()).isEqualTo(1);
        assertThat(karims.get("paidCents").asLong()).isEqualTo(order.get("amountDueCents").asLong());

        // each parcel earned Camille points on its share of what the card paid, pending for the return window, once
        var earned = new HashMap<String, JsonNode>();
        deadline = java.time.Instant.now().plusSeconds(20);
        while (earned.size() < 2 && java.time.Instant.now().isBefore(deadline)) {
            earned.clear();
            for (var entry : client.get("/customers/me/loyalty/ledger?limit=200", camille).body().get("items")) {
                if (entry.get("type").asText().equals("EARN") && entry.get("source").get("kind").asText().equals("DELIVERY")) {
                    earned.put(entry.get("source").get("id").asText(), entry);
                }
            }
            Thread.sleep(200);
        }
        assertThat(earned).as("both parcels earned through the outbox stream").containsOnlyKeys(shares.keySet());
        // a point a euro; her first purchase ever would add the programme's bonus to one of them
        long bonus = client.get("/loyalty/programme", camille).body().get("firstPurchaseBonus").asLong();
        earned.forEach((shipment, entry) -> {
            assertThat(entry.get("pending").asLong()).isIn(shares.get(shipment) / 100, shares.get(shipment) / 100 + bonus);
            assertThat(entry.get("available").asLong()).isZero();
        });

        // she brings the jacket back to Lyon: refunded what it cost in money, its parcel's points taken back once;
        // Hugo cannot return her order
        var body = "{\"orderId\":\"" + id + "\",\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1}],"
                + "\"reason\":\"trop grand\",\"method\":\"store\",\"storeId\":\"lyon-republique\"}";
        assertThat(client.send("POST", "/returns", hugo, body, Map.of("Idempotency-Key", "aisle-pts-ret-hugo")).status())
                .isEqualTo(404);
        var requested = client.send("POST", "/returns", camille, body, Map.of("Idempotency-Key", "aisle-pts-ret"));
        assertThat(requested.status()).as(requested.raw().body()).isEqualTo(201);
        assertThat(requested.body().get("source").get("kind").asText()).isEqualTo("DELIVERY");
        assertThat(requested.body().get("source").get("reference").asText()).isEqualTo(atLyon);
        var returnId = requested.body().get("id").asText();
        var received = client.send("POST", "/stores/lyon-republique/returns/" + returnId + "/receive", karim,
                "{\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1,\"condition\":\"resellable\"}]}", Map.of());
        assertThat(received.status()).as(received.raw().body()).isEqualTo(200);
        assertThat(received.body().get("refundCents").asLong()).isEqualTo(shares.get(atLyon));
        JsonNode reversed = null;
        deadline = java.time.Instant.now().plusSeconds(20);
        while (reversed == null && java.time.Instant.now().isBefore(deadline)) {
            for (var entry : client.get("/customers/me/loyalty/ledger?limit=200", camille).body().get("items")) {
                if (entry.get("type").asText().equals("REVERSE")) reversed = entry;
            }
            Thread.sleep(200);
        }
        assertThat(reversed).as("the return reached loyalty through the outbox stream").isNotNull();
        assertThat(reversed.get("pending").asLong()).isEqualTo(-(shares.get(atLyon) / 100));
        assertThat(reversed.get("source").get("id").asText()).isEqualTo(returnId);
    }

    private static void handOver(String token, String place, String shipment, String trackingRef) {
        var base = "/stores/" + place + "/shipments/" + shipment;
        for (var step : new String[] {"accept", "pick", "pack"}) {
            var reply = client.send("POST", base + "/" + step, token, null, Map.of());
            assertThat(reply.status()).as(step + ": " + reply.raw().body()).isEqualTo(200);
        }
        var left = client.send("POST", base + "/hand-over", token,
                "{\"carrier\":\"Colissimo\",\"trackingRef\":\"" + trackingRef + "\"}", Map.of());
        assertThat(left.status()).as(left.raw().body()).isEqualTo(200);
    }
}
