package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The endless aisle through the local gateway: Karim, in Lyon, sells Hugo a linen jacket and a leather bag delivered to
 * Paris; no place has both, so Paris Saint-Germain ships the jacket and the web warehouse the bag. Once both are handed
 * to the carrier and the outbox stream has handed their events to kpiEvents, Lyon's sales report credits Lyon and Karim
 * with the whole order, Saint-Germain's shows the jacket shipped for Lyon, and nobody else's staff read either.
 */
class SalesReportEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static final String LYON = "lyon-republique";
    private static final String PARIS = "paris-saint-germain";
    // in the demo stock: the linen jacket at Saint-Germain and Lyon (not at the warehouse), the leather bag only there
    private static final String JACKET = "VES-LIN-BEI-M";
    private static final String BAG = "SAC-CUI-CAM";

    /** The report, once {@code until} holds (the stream poller hands events over within a second). */
    private static JsonNode awaitReport(String store, String token, Predicate<JsonNode> until) throws InterruptedException {
        var deadline = java.time.Instant.now().plusSeconds(20);
        JsonNode last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            var reply = client.get("/stores/" + store + "/reports/sales", token);
            assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
            last = reply.body();
            if (until.test(last)) return last;
            Thread.sleep(200);
        }
        throw new AssertionError("the report never showed it: " + last);
    }

    private static JsonNode line(JsonNode lines, String field, String value) {
        for (var line : lines) if (value.equals(line.get(field).asText())) return line;
        throw new AssertionError("no " + field + " " + value + " in " + lines);
    }

    private static void handOver(String token, String place, String shipment) {
        var base = "/stores/" + place + "/shipments/" + shipment;
        for (var step : new String[] {"accept", "pick", "pack"}) {
            var reply = client.send("POST", base + "/" + step, token, null, Map.of());
            assertThat(reply.status()).as(step + ": " + reply.raw().body()).isEqualTo(200);
        }
        var left = client.send("POST", base + "/hand-over", token,
                "{\"carrier\":\"Colissimo\",\"trackingRef\":\"6A" + shipment.substring(0, 8) + "\"}", Map.of());
        assertThat(left.status()).as(left.raw().body()).isEqualTo(200);
    }

    @Test
    void anEndlessAisleSaleShippedByAnotherStoreAndTheWarehouseIsCreditedToTheSellingStoreAndItsStaffMember()
            throws Exception {
        var karim = client.token("staff-karim", "staff", LYON);
        var ines = client.token("staff-ines", "staff", PARIS);
        var ops = client.token("ops-nadia", "ops", null);
        var hugo = client.token("cust-hugo", "customer", null);

        var placed = client.send("POST", "/stores/" + LYON + "/delivery-orders", karim, "{\"lines\":[{\"sku\":\"" + JACKET
                + "\",\"quantity\":1},{\"sku\":\"" + BAG + "\",\"quantity\":1}],\"address\":{\"name\":\"Hugo Lefèvre\","
                + "\"street\":\"3 rue du Louvre\",\"postcode\":\"75001\",\"city\":\"Paris\",\"country\":\"FR\"},"
                + "\"deliveryOption\":\"STANDARD\",\"contact\":{\"name\":\"Hugo Lefèvre\",\"email\":\"hugo.lefevre@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_aisle_report_1\",\"customerId\":\"cust-hugo\"}",
                Map.of("Idempotency-Key", "sales-report-aisle-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        long total = placed.body().get("totalCents").asLong();
        String atParis = null;
        String atWarehouse = null;
        long parisShare = 0;
        for (var s : placed.body().get("shipments")) {
            if (s.get("locationId").asText().equals(PARIS)) {
                atParis = s.get("id").asText();
                parisShare = s.get("amountCents").asLong();
            } else if (s.get("locationId").asText().equals("WEB")) {
                atWarehouse = s.get("id").asText();
            }
        }
        assertThat(atParis).as("shipped by Saint-Germain: %s", placed.body()).isNotNull();
        assertThat(atWarehouse).as("shipped by the warehouse: %s", placed.body()).isNotNull();

        handOver(ines, PARIS, atParis);
        handOver(ops, "WEB", atWarehouse);

        var lyon = awaitReport(LYON, karim, r -> r.get("sold").get("shipments").asInt() == 2);
        assertThat(lyon.get("currency").asText()).isEqualTo("EUR");
        var elsewhere = line(lyon.get("byFulfilment"), "fulfilment", "shipped_from_elsewhere");
        assertThat(elsewhere.get("orders").asInt()).isEqualTo(1);
        assertThat(elsewhere.get("shipments").asInt()).isEqualTo(2);
        assertThat(elsewhere.get("paidCents").asLong()).isEqualTo(total);
        var karimsSales = line(lyon.get("staff"), "staffId", "staff-karim");
        assertThat(karimsSales.get("orders").asInt()).isEqualTo(1);
        assertThat(karimsSales.get("paidCents").asLong()).isEqualTo(total);
        assertThat(lyon.get("fulfilledFor")).isEmpty();
        // the report names no customer
        assertThat(lyon.toString()).doesNotContain("cust-hugo").doesNotContain("Hugo").doesNotContain("hugo.lefevre");

        var paris = awaitReport(PARIS, ines, r -> r.get("fulfilledFor").size() == 1);
        var forLyon = line(paris.get("fulfilledFor"), "seller", LYON);
        assertThat(forLyon.get("shipments").asInt()).isEqualTo(1);
        assertThat(forLyon.get("paidCents").asLong()).isEqualTo(parisShare);
        assertThat(paris.get("sold").get("paidCents").asLong()).isZero();
        var web = client.get("/stores/WEB/reports/sales", ops).body();
        assertThat(line(web.get("fulfilledFor"), "seller", LYON).get("paidCents").asLong()).isEqualTo(total - parisShare);

        // staff read their own store's report only; customers none; a bad month changes nothing and says why
        assertThat(client.get("/stores/" + PARIS + "/reports/sales", karim).status()).isEqualTo(403);
        assertThat(client.get("/stores/" + LYON + "/reports/sales", ines).status()).isEqualTo(403);
        assertThat(client.get("/stores/WEB/reports/sales", ines).status()).isEqualTo(403);
        assertThat(client.get("/stores/" + LYON + "/reports/sales", hugo).status()).isEqualTo(403);
        assertThat(client.get("/stores/" + LYON + "/reports/sales", ops).status()).isEqualTo(200);
        var bad = client.get("/stores/" + LYON + "/reports/sales?month=2026-13", ops);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        // another month: nothing
        var before = client.get("/stores/" + LYON + "/reports/sales?month=2020-01", karim).body();
        assertThat(before.get("sold").get("orders").asInt()).isZero();
    }
}
