package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pickup order that needs a transfer, through the local gateway: Paris Rivoli lacks the linen jacket, routing takes
 * it from Paris Saint-Germain, whose staff send it; it shows in transit at Rivoli, Rivoli receives it, prepares the
 * order and hands it over against the code the customer got by SMS.
 */
class TransfersEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    // in the demo stock: the linen jacket M is at Saint-Germain (3, one kept) and Lyon, not at Rivoli nor the warehouse
    private static final String JACKET = "VES-LIN-BEI-M";
    private static final Pattern CODE = Pattern.compile("code de retrait : ([A-Z0-9]{6})", Pattern.CASE_INSENSITIVE);

    @Test
    void aTransferIsSentReceivedAndTheOrderCollectedWithTheCodeFromTheSms() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var ines = client.token("staff-ines", "staff", "paris-saint-germain");
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var ops = client.token("ops-amelie", "ops", null);
        int atSaintGermain = client.available(JACKET, "paris-saint-germain");

        var placed = client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"06 12 34 56 78\"},"
                + "\"paymentAuthorization\":\"pa_local_transfer_1\"}", Map.of("Idempotency-Key", "transfer-1"));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        var ref = id.substring(id.length() - 6);
        assertThat(placed.body().get("options").get(0).get("sources").get(JACKET).asText()).isEqualTo("paris-saint-germain");
        var confirmed = client.send("POST", "/orders/" + id + "/confirm-option", camille, "{\"optionId\":\"transfer\"}", Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(client.available(JACKET, "paris-saint-germain")).isEqualTo(atSaintGermain - 1);

        // Saint-Germain's queue names the order, not the customer; Lyon sees nothing of it
        var queue = client.get("/stores/paris-saint-germain/transfers", ines);
        assertThat(queue.status()).isEqualTo(200);
        var transfer = queue.body().get("items").get(0);
        assertThat(transfer.get("orderId").asText()).isEqualTo(id);
        assertThat(queue.raw().body()).doesNotContain("cust-camille", "Camille", "+33612345678", "decision");
        var transferId = transfer.get("id").asText();
        assertThat(client.get("/stores/paris-saint-germain/transfers", karim).status()).isEqualTo(403);
        assertThat(client.get("/orders/" + id, ines).status()).isEqualTo(404);
        var routing = client.get("/ops/orders/" + id + "/transfers", ops);
        assertThat(routing.status()).as(routing.raw().body()).isEqualTo(200);
        assertThat(routing.body().get("transfers").get(0).get("decision").get("shipments").get(0).get("locationId").asText())
                .isEqualTo("paris-saint-germain");

        var sent = client.send("POST", "/stores/paris-saint-germain/transfers/" + transferId + "/dispatch", ines,
                "{\"reference\":\"BL-2026-0042\"}", Map.of());
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        assertThat(sent.body().get("status").asText()).isEqualTo("DISPATCHED");
        client.awaitInbox(i -> i.get("channel").asText().equals("SMS") && i.get("text").asText().contains(ref)
                && i.get("text").asText().contains("en route"));
        theCustomerFollowsIt(id, camille, "DISPATCHED", "BL-2026-0042");
        var rivoli = stock(JACKET, "paris-rivoli");
        assertThat(rivoli.get("inTransit").asInt()).isEqualTo(1);
        assertThat(rivoli.get("available").asInt()).isZero();
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, Map.of()).status())
                .as("not before it arrives").isEqualTo(409);

        var received = client.send("POST", "/stores/paris-rivoli/transfers/" + transferId + "/receive", lea, null, Map.of());
        assertThat(received.status()).as(received.raw().body()).isEqualTo(200);
        assertThat(client.send("POST", "/stores/paris-rivoli/transfers/" + transferId + "/receive", lea, null, Map.of())
                .body().get("status").asText()).as("received twice").isEqualTo("RECEIVED");
        assertThat(stock(JACKET, "paris-rivoli").get("inTransit").asInt()).isZero();
        client.awaitInbox(i -> i.get("text").asText().contains(ref) && i.get("text").asText().contains("arrivée"));

        theCustomerFollowsIt(id, camille, "RECEIVED", "BL-2026-0042");
        // her export holds her order with who acted as a role: Inès's id is Inès's data, not Camille's
        var exported = client.get("/customers/me/export", camille);
        assertThat(exported.status()).isEqualTo(200);
        var orderRecord = java.util.stream.StreamSupport.stream(exported.body().get("records").spliterator(), false)
                .filter(r -> id.equals(r.path("id").asText())).findFirst().orElseThrow();
        assertThat(orderRecord.get("order").asText()).contains("\"by\":\"store\"").doesNotContain("staff-ines");
        collectedWithTheCodeFromTheSms(id, ref, lea);
        assertThat(stock(JACKET, "paris-rivoli").get("available").asInt()).isZero();
    }

    @Test
    void staffInLyonSellAJacketForPickupAtRivoliAndConfirmTheTransferWithTheCustomer() throws Exception {
        var karim = client.token("staff-karim", "staff", "lyon-republique");
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var body = "{\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1}],\"pickupStoreId\":\"paris-rivoli\","
                + "\"contact\":{\"name\":\"Hugo Lefèvre\",\"email\":\"hugo.lefevre@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_tpe_aisle_1\",\"customerId\":\"cust-hugo\"}";
        assertThat(client.send("POST", "/stores/lyon-republique/orders", lea, body, Map.of("Idempotency-Key", "aisle-0"))
                .status()).as("staff of another store").isEqualTo(403);

        var sold = client.send("POST", "/stores/lyon-republique/orders", karim, body, Map.of("Idempotency-Key", "aisle-1"));

        assertThat(sold.status()).as(sold.raw().body()).isEqualTo(201);
        assertThat(sold.body().get("soldBy").get("storeId").asText()).isEqualTo("lyon-republique");
        assertThat(sold.body().get("soldBy").get("staffId").asText()).isEqualTo("staff-karim");
        assertThat(sold.body().get("customerId").asText()).isEqualTo("cust-hugo");
        var id = sold.body().get("id").asText();
        var confirmed = client.send("POST", "/orders/" + id + "/confirm-option", karim, "{\"optionId\":\"transfer\"}", Map.of("Idempotency-Key", java.util.UUID.randomUUID().toString()));
        assertThat(confirmed.status()).as(confirmed.raw().body()).isEqualTo(200);
        assertThat(confirmed.body().get("status").asText()).isEqualTo("PLACED");
        assertThat(client.get("/stores/paris-rivoli/orders?status=PLACED", lea).body().get("items"))
                .anySatisfy(q -> assertThat(q.get("order").get("id").asText()).isEqualTo(id));
    }

    @Test
    void aSourceRefusesTheTransferItGoesToTheNextPlaceWhichSendsItAndTheCustomerCollects() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var ops = client.token("ops-amelie", "ops", null);
        var placed = client.send("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"" + JACKET + "\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"06 12 34 56 78\"},"
                + "\"paymentAuthorization\":\"pa_local_refused_1\"}", Map.of("Idempotency-Key", "transfer-refused-1"));
        var id = placed.body().get("id").asText();
        var ref = id.substring(id.length() - 6);
        assertThat(client.send("POST", "/orders/" + id + "/confirm-option", camille, "{\"optionId\":\"transfer\"}",
                Map.of("Idempotency-Key", "confirm-refused-1")).status()).isEqualTo(200);
        var first = client.get("/ops/orders/" + id + "/transfers", ops).body().get("transfers").get(0);
        var refuser = first.get("fromLocation").asText();
        var refuserStaff = client.token("staff-refuser", "staff", refuser);
        int atRefuser = client.available(JACKET, refuser);
        var path = "/stores/" + refuser + "/transfers/" + first.get("id").asText() + "/refuse";
        assertThat(client.send("POST", path.replace(refuser, "paris-rivoli"), lea, "{\"reason\":\"non\"}", Map.of())
                .status()).as("the pickup store does not refuse what it receives").isIn(403, 404);
        assertThat(client.send("POST", path, lea, "{\"reason\":\"non\"}", Map.of()).status()).isEqualTo(403);

        var refused = client.send("POST", path, refuserStaff, "{\"reason\":\"Veste tachée\"}", Map.of());

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(200);
        assertThat(refused.body().get("status").asText()).isEqualTo("REFUSED");
        assertThat(client.available(JACKET, refuser)).as("released at the refuser").isEqualTo(atRefuser + 1);
        assertThat(client.send("POST", path, refuserStaff, "{\"reason\":\"encore\"}", Map.of()).status())
                .as("refused twice").isEqualTo(409);
        var transfers = client.get("/ops/orders/" + id + "/transfers", ops).body().get("transfers");
        assertThat(transfers).hasSize(2);
        // the customer sees the lines asked of the next place, not the refusal nor its reason
        var seen = theCustomerFollowsIt(id, camille, "REQUESTED", null);
        assertThat(seen.raw().body()).doesNotContain("Veste tachée", "REFUSED", "staff-refuser");
        com.fasterxml.jackson.databind.JsonNode next = null;
        for (var t : transfers) if (t.get("status").asText().equals("REQUESTED")) next = t;
        assertThat(next).isNotNull();
        var source = next.get("fromLocation").asText();
        assertThat(source).isNotEqualTo(refuser).isNotEqualTo("paris-rivoli");
        var sourceStaff = client.token("staff-next", "staff", source);
        assertThat(client.get("/stores/" + source + "/transfers", sourceStaff).body().get("items").findValuesAsText("id"))
                .contains(next.get("id").asText());

        var sent = client.send("POST", "/stores/" + source + "/transfers/" + next.get("id").asText() + "/dispatch", sourceStaff,
                "{\"reference\":\"BL-2026-0099\"}", Map.of());
        assertThat(sent.status()).as(sent.raw().body()).isEqualTo(200);
        assertThat(client.send("POST", "/stores/paris-rivoli/transfers/" + next.get("id").asText() + "/receive", lea, null,
                Map.of()).status()).isEqualTo(200);
        collectedWithTheCodeFromTheSms(id, ref, lea);
    }

    /**
     * The customer's own order shows its transfer (status, where from, the reference once sent) and who acted as a
     * role, never a staff id; the same read by another customer is a 404, and her list carries no transfers.
     */
    private static LocalClient.Reply theCustomerFollowsIt(String id, String customer, String status, String reference)
            throws Exception {
        var order = client.get("/orders/" + id, customer);
        assertThat(order.status()).as(order.raw().body()).isEqualTo(200);
        var transfers = order.body().get("transfers");
        assertThat(transfers).as(order.raw().body()).hasSize(1);
        var transfer = transfers.get(0);
        assertThat(transfer.get("status").asText()).isEqualTo(status);
        assertThat(transfer.get("fromName").asText()).startsWith("Omnicanal ");
        assertThat(transfer.hasNonNull("requestedAt")).isTrue();
        if (reference == null) {
            assertThat(transfer.has("reference")).isFalse();
        } else {
            assertThat(transfer.get("reference").asText()).isEqualTo(reference);
            assertThat(transfer.hasNonNull("dispatchedAt")).isTrue();
        }
        assertThat(transfer.has("receivedAt")).isEqualTo("RECEIVED".equals(status));
        assertThat(order.body().get("timeline").findValuesAsText("by"))
                .isNotEmpty().allMatch(by -> java.util.Set.of("customer", "store", "routing", "ops").contains(by));
        assertThat(order.raw().body()).doesNotContain("staff-", "ops-amelie");

        var other = client.get("/orders/" + id, client.token("cust-hugo", "customer", null));
        assertThat(other.status()).as("another customer").isEqualTo(404);
        assertThat(other.raw().body()).doesNotContain("BL-2026", "transfers");
        var mine = client.get("/customers/me/orders", customer);
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.raw().body()).as("lists carry no transfers, and no staff id").doesNotContain("\"transfers\"", "staff-");
        return order;
    }

    /** Rivoli accepts and prepares the order, and hands it over against the code the customer got by SMS. */
    private static void collectedWithTheCodeFromTheSms(String id, String ref, String lea) throws Exception {
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/accept", lea, null, Map.of()).status())
                .isEqualTo(200);
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, Map.of()).status())
                .isEqualTo(200);
        var sms = client.awaitInbox(i -> i.get("channel").asText().equals("SMS") && CODE.matcher(i.get("text").asText()).find()
                && i.get("text").asText().contains(ref));
        var matcher = CODE.matcher(sms.get("text").asText());
        assertThat(matcher.find()).isTrue();
        var collected = client.send("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea,
                "{\"pickupCode\":\"" + matcher.group(1) + "\"}", Map.of());
        assertThat(collected.status()).as(collected.raw().body()).isEqualTo(200);
        assertThat(collected.body().get("status").asText()).isEqualTo("COLLECTED");
    }

    private static com.fasterxml.jackson.databind.JsonNode stock(String sku, String location) {
        for (var l : client.get("/stock/" + sku, null).body().get("locations")) {
            if (l.get("locationId").asText().equals(location)) return l;
        }
        throw new AssertionError("no " + location + " in the stock of " + sku);
    }
}
