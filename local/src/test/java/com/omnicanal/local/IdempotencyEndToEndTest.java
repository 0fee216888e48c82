package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.testing.Race;
import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * Every POST that creates something (openapi.yaml: a 201 or 202 answer) declares its idempotency, and through the
 * gateway, on every declared route: same key and body gives the first answer again and does the thing once, same key
 * with another body the one 422, a key of another shape a 400; concurrent duplicates have one effect.
 */
class IdempotencyEndToEndTest {
    private static final String X = "paris-rivoli";
    private static final String SKU = "TSH-COT-BLU-M";
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static String ops;

    @BeforeAll
    static void start() throws Exception {
        ops = client.token("ops-idem", "ops", null);
        assertThat(client.send("PUT", "/stores/" + X + "/stock", ops, "{\"feedSequence\":" + System.currentTimeMillis()
                + ",\"lines\":[{\"sku\":\"" + SKU + "\",\"onHand\":1000}]}", Map.of()).status()).isEqualTo(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCreatingPostDeclaresItsIdempotencyAndTheOneKeyShape() throws Exception {
        Map<String, Object> openapi;
        try (var in = new FileInputStream(Path.of("..", "openapi.yaml").toFile())) {
            openapi = new Yaml().load(in);
        }
        var undeclared = new TreeSet<String>();
        ((Map<String, Map<String, Object>>) openapi.get("paths")).forEach((path, item) -> {
            var post = (Map<String, Object>) item.get("post");
            if (post == null || path.startsWith("/webhooks/")) return;
            var responses = (Map<String, Object>) post.get("responses");
            if ((responses.containsKey("201") || responses.containsKey("202")) && post.get("x-idempotency") == null) {
                undeclared.add("POST " + path);
            }
        });
        assertThat(undeclared).as("POSTs that create something without x-idempotency in openapi.yaml").isEmpty();
        // the key's one shape: a declared route takes the shared parameter (required where the claim is in the
        // transaction), and no operation states the header's shape inline
        var stray = new TreeSet<String>();
        ((Map<String, Map<String, Object>>) openapi.get("paths")).forEach((path, item) -> item.forEach((method, op) -> {
            if (!(op instanceof Map<?, ?> operation)) return;
            var parameters = operation.get("parameters") == null ? List.of() : (List<Object>) operation.get("parameters");
            var mode = operation.get("x-idempotency");
            var expected = mode == null ? null : mode.equals("transactional") ? "#/components/parameters/IdempotencyKey"
                    : "#/components/parameters/OptionalIdempotencyKey";
            var refs = parameters.stream().map(p -> ((Map<String, Object>) p).get("$ref")).toList();
            var inline = parameters.stream().anyMatch(p -> "Idempotency-Key".equals(((Map<String, Object>) p).get("name")));
            if (inline || (expected != null && !refs.contains(expected))) stray.add(method + " " + path);
        }));
        assertThat(stray).as("operations that do not take the Idempotency-Key as openapi.yaml's one parameter").isEmpty();
    }

    private static int available() {
        return client.available(SKU, X);
    }

    private static final String JACKET_ORDER = "{\"lines\":[{\"sku\":\"VES-LIN-BEI-M\",\"quantity\":1}],\"pickupStoreId\":\""
            + X + "\",\"contact\":{\"name\":\"Client\",\"email\":\"idem@example.org\"},\"paymentAuthorization\":\"pa_idem_2\"}";
    private static final String RESERVATION = "{\"sku\":\"" + SKU + "\",\"storeId\":\"" + X + "\",\"quantity\":%d}";
    private static final String ORDER = "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":%d}],\"pickupStoreId\":\"" + X
            + "\",\"contact\":{\"name\":\"Client\",\"email\":\"idem@example.org\"},\"paymentAuthorization\":\"pa_idem_1\"}";

    /**
     * One declared route replayed: the caller, the body, another body, and what proves the first answer's effect
     * happened once (given the first answer).
     */
    private record Replay(String routeKey, String path, String token, String body, String otherBody,
                          java.util.function.Consumer<LocalClient.Reply> doneOnce, Map<String, String> headers) {
        Replay(String routeKey, String path, String token, String body, String otherBody,
               java.util.function.Consumer<LocalClient.Reply> doneOnce) {
            this(routeKey, path, token, body, otherBody, doneOnce, Map.of());
        }

        /** The route's own headers (a feed's media type) with these. */
        Map<String, String> with(Map<String, String> more) {
            var all = new java.util.HashMap<>(headers);
            all.putAll(more);
            return all;
        }
    }

    private static List<JsonNode> items(String path, String token) {
        var reply = client.get(path, token);
        assertThat(reply.status()).as(path).isEqualTo(200);
        var items = new ArrayList<JsonNode>();
        reply.body().get("items").forEach(items::add);
        return items;
    }

    private static long timeline(String token, String kind) {
        return items("/customers/me/timeline", token).stream().filter(i -> i.get("kind").asText().equals(kind)).count();
    }

    private static String created(String path, String token, String body) {
        var reply = client.send("POST", path, token, body, Map.of("Idempotency-Key", "setup-" + UUID.randomUUID()));
        assertThat(reply.status()).as(path + " " + reply.raw().body()).isIn(201, 202);
        return reply.body().get("id") == null ? null : reply.body().get("id").asText();
    }

    private static String questionnaire(String name, String page) {
        return "{\"name\":\"" + name + "\",\"questions\":[{\"id\":\"csat\",\"kind\":\"CSAT\",\"text\":{\"fr\":\"Facile ?\","
                + "\"en\":\"Easy?\"},\"required\":true}],\"activeFrom\":\"2026-01-01T00:00:00Z\",\"targeting\":{\"triggers\":"
                + "[\"PAGE_VIEW\"],\"pages\":[\"" + page + "\"],\"samplingRate\":1}}";
    }

    private static final java.util.concurrent.atomic.AtomicInteger RUNS = new java.util.concurrent.atomic.AtomicInteger();

    private static String phone(int run, int n) {
        return "+336987" + String.format("%03d%02d", run, n);
    }

    private static String registration(String firstName, int run, int n) {
        return "{\"firstName\":\"" + firstName + "\",\"phone\":\"" + phone(run, n) + "\"}";
    }

    /** Every route openapi.yaml declares x-idempotency, with what it needs to exist first (new people each time). */
    private static List<Replay> everyDeclaredRoute() {
        var run = RUNS.incrementAndGet();
        var staff = client.token("staff-idem", "staff", X);
        var reserver = client.token("cust-idem-reservation-" + run, "customer", null);
        var buyer = client.token("cust-idem-order-" + run, "customer", null);
        var returner = client.token("cust-idem-return-" + run, "customer", null);
        var identified = client.token("cust-idem-identity-" + run, "customer", null);
        // a collected order to return
        var order = created("/orders", returner, String.format(ORDER, 2));
        for (var step : List.of("accept", "ready")) {
            assertThat(client.send("POST", "/stores/" + X + "/orders/" + order + "/" + step, staff, null, Map.of()).status())
                    .isEqualTo(200);
        }
        var code = client.get("/orders/" + order, returner).body().get("pickupCode").asText();
        assertThat(client.send("POST", "/stores/" + X + "/orders/" + order + "/collect", staff,
                "{\"pickupCode\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);
        var returned = "{\"orderId\":\"" + order + "\",\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":1}],\"reason\":\"%s\","
                + "\"method\":\"store\"}";
        // a customer the till knows, whose visits count
        var visitor = created("/stores/" + X + "/customers", staff, registration("Vera", run, 3));
        var regular = created("/stores/" + X + "/customers", staff, registration("Remi", run, 4));
        // an answer link, from a storefront prompt of a questionnaire of its own
        var answers = "/idem/answers-" + run + "/";
        var answered = created("/ops/questionnaires", ops, questionnaire("Idempotent answers " + run, answers));
        var prompt = client.send("POST", "/feedback/prompt", null,
                "{\"visitorId\":\"v-idem-000" + run + "\",\"page\":\"" + answers + "\",\"language\":\"en\"}", Map.of());
        assertThat(prompt.body().get("show").asBoolean()).as(prompt.raw().body()).isTrue();
        var link = "/feedback/" + prompt.body().get("token").asText();
        // two free appointment slots, one for each body
        var booker = client.token("cust-idem-appointment-" + run, "customer", null);
        var tomorrow = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Paris")).plusDays(1);
        var slots = items("/stores/" + X + "/appointment-types/conseil-style/slots?from=" + tomorrow + "&to="
                + tomorrow.plusDays(13), null);
        var appointment = "{\"storeId\":\"" + X + "\",\"typeId\":\"conseil-style\",\"start\":\"%s\","
                + "\"contact\":{\"name\":\"Client\",\"email\":\"idem@example.org\"}}";
        // the demo catalogue as a feed under a new id (it changes nothing), and without its last line
        var feed = "/ops/catalog/feeds/idem-feed-" + run;
        String demoFeed;
        try {
            demoFeed = java.nio.file.Files.readString(Path.of("src/main/resources/demo/products.jsonl"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var shorterFeed = demoFeed.strip().substring(0, demoFeed.strip().lastIndexOf('\n'));
        // loyalty: a member with 1,000 points, another for ops' adjustments, a till's receipt
        var member = "cust-idem-member-" + run;
        var memberToken = client.token(member, "customer", null);
        assertThat(client.send("POST", "/ops/customers/" + member + "/loyalty/adjustments", ops,
                "{\"points\":1000,\"reason\":\"idempotency set-up\"}", Map.of()).status()).isEqualTo(201);
        var adjusted = "cust-idem-adjusted-" + run;
        var sale = "{\"receiptId\":\"R-IDEM-" + run + "-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":%d,\"unitPriceCents\":2990}]}";
        // home delivery to store X's coordinates (X or the warehouse ships it): first in the list, before other routes move X's stock
        var shopper = client.token("cust-idem-delivery-" + run, "customer", null);
        var delivery = "{\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":%d}],\"address\":{\"name\":\"Client\","
                + "\"street\":\"3 rue du Louvre\",\"postcode\":\"75001\",\"city\":\"Paris\",\"country\":\"FR\","
                + "\"latitude\":48.8606,\"longitude\":2.3444},\"deliveryOption\":\"STANDARD\",\"contact\":{\"name\":\"Client\","
                + "\"email\":\"idem@example.org\"},\"paymentAuthorization\":\"pa_idem_delivery\"}";
        int shippable = client.available(SKU, X) + client.available(SKU, "WEB");
        // a pickup order at X for the jacket X lacks: the options wait for the customer's choice
        var chooser = client.token("cust-idem-option-" + run, "customer", null);
        var waiting = created("/orders", chooser, JACKET_ORDER);
        return List.of(
                // the option confirmed once, its transfer requested once, whatever the retries
                new Replay("POST /orders/{id}/confirm-option", "/orders/" + waiting + "/confirm-option", chooser,
                        "{\"optionId\":\"transfer\"}", "{\"optionId\":\"store:lyon-republique\"}", first -> {
                            assertThat(first.body().get("status").asText()).isEqualTo("PLACED");
                            assertThat(client.get("/ops/orders/" + waiting + "/transfers", ops).body().get("transfers"))
                                    .hasSize(1);
                        }),
                new Replay("POST /delivery-orders", "/delivery-orders", shopper, String.format(delivery, 1),
                        String.format(delivery, 2),
                        first -> assertThat(client.available(SKU, X) + client.available(SKU, "WEB")).isEqualTo(shippable - 1)),
                new Replay("POST /stores/{storeId}/delivery-orders", "/stores/" + X + "/delivery-orders", staff,
                        String.format(delivery, 1), String.format(delivery, 2),
                        first -> assertThat(client.available(SKU, X) + client.available(SKU, "WEB")).isEqualTo(shippable - 2)),
                // the endless aisle for pickup: one order sold by staff X, whatever the retries
                new Replay("POST /stores/{storeId}/orders", "/stores/" + X + "/orders", staff, String.format(ORDER, 1),
                        String.format(ORDER, 2), first -> assertThat(client.get("/stores/" + X + "/orders?status=PLACED", staff)
                                .body().get("items").findValuesAsText("id").stream()
                                .filter(id -> id.equals(first.body().get("id").asText())).count()).isEqualTo(1)),
                new Replay("POST /stores/{storeId}/sales", "/stores/" + X + "/sales", staff, String.format(sale, 1),
                        String.format(sale, 2), first -> {
                            // the receipt id is the till's own key: sent again without the header, the sale is the first one
                            var again = client.send("POST", "/stores/" + X + "/sales", staff, String.format(sale, 1), Map.of());
                            assertThat(again.body().get("receipt")).isEqualTo(first.body().get("receipt"));
                            assertThat(again.body().get("replayed").asBoolean()).isTrue();
                        }),
                new Replay("POST /customers/me/loyalty/rewards", "/customers/me/loyalty/rewards", memberToken,
                        "{\"points\":100}", "{\"points\":200}", first -> assertThat(client.get("/customers/me/loyalty",
                                memberToken).body().get("available").asLong()).isEqualTo(900)),
                new Replay("POST /stores/{storeId}/loyalty/rewards", "/stores/" + X + "/loyalty/rewards", staff,
                        "{\"customerId\":\"" + member + "\",\"points\":100}", "{\"customerId\":\"" + member
                        + "\",\"points\":200}", first -> assertThat(client.get("/customers/me/loyalty", memberToken).body()
                        .get("available").asLong()).isEqualTo(800)),
                new Replay("POST /ops/customers/{customerId}/loyalty/adjustments", "/ops/customers/" + adjusted
                        + "/loyalty/adjustments", ops, "{\"points\":10,\"reason\":\"goodwill\"}",
                        "{\"points\":20,\"reason\":\"goodwill\"}", first -> assertThat(client.get("/ops/customers/"
                        + adjusted + "/loyalty/ledger", ops).body().get("items")).hasSize(1)),
                new Replay("POST /ops/catalog/feeds/{feedId}", feed, ops, demoFeed, shorterFeed,
                        first -> assertThat(client.get(feed, ops).body()).isEqualTo(first.body()),
                        Map.of("Content-Type", "application/x-ndjson")),
                new Replay("POST /appointments", "/appointments", booker,
                        String.format(appointment, slots.get(0).get("start").asText()),
                        String.format(appointment, slots.get(1).get("start").asText()),
                        first -> assertThat(items("/customers/me/appointments", booker)).hasSize(1)),
                new Replay("POST /reservations", "/reservations", reserver, String.format(RESERVATION, 1),
                        String.format(RESERVATION, 2), first -> assertThat(items("/customers/me/reservations", reserver)).hasSize(1)),
                new Replay("POST /orders", "/orders", buyer, String.format(ORDER, 1), String.format(ORDER, 2),
                        first -> assertThat(items("/customers/me/orders", buyer)).hasSize(1)),
                new Replay("POST /returns", "/returns", returner, String.format(returned, "too small"),
                        String.format(returned, "too big"), first -> assertThat(timeline(returner, "return")).isEqualTo(1)),
                new Replay("POST /customers/me/identities", "/customers/me/identities", identified,
                        "{\"kind\":\"email\",\"value\":\"idem-1@example.org\"}", "{\"kind\":\"email\",\"value\":\"idem-2@example.org\"}",
                        // one code sent, not two
                        first -> assertThat(timeline(identified, "message")).isEqualTo(1)),
                new Replay("POST /stores/{storeId}/customers", "/stores/" + X + "/customers", staff,
                        registration("Ana", run, 1), registration("Bob", run, 2), first -> assertThat(client.get("/stores/"
                                + X + "/customers?phone=" + phone(run, 1).replace("+", "%2B"), staff).body()
                                .get("customerId").asText()).isEqualTo(first.body().get("id").asText())),
                new Replay("POST /ops/questionnaires", "/ops/questionnaires", ops, questionnaire("Idempotent " + run, "/idem/done"),
                        questionnaire("Idempotent too " + run, "/idem/done"), first -> assertThat(items("/ops/questionnaires", ops))
                        .filteredOn(q -> q.get("name").asText().equals("Idempotent " + run)).hasSize(1)),
                new Replay("POST /feedback/{token}", link, null, "{\"answers\":[{\"questionId\":\"csat\",\"score\":4}]}",
                        "{\"answers\":[{\"questionId\":\"csat\",\"score\":2}]}", first -> assertThat(client.get(
                                "/ops/questionnaires/" + answered + "/results", ops).body().get("overall").get("answered").asInt())
                        .isEqualTo(1)),
                new Replay("POST /stores/{storeId}/visits", "/stores/" + X + "/visits", staff,
                        "{\"customerId\":\"" + visitor + "\"}", "{\"customerId\":\"" + regular + "\"}", first -> {
                            var next = client.send("POST", "/stores/" + X + "/visits", staff, "{\"customerId\":\"" + visitor + "\"}",
                                    Map.of("Idempotency-Key", "visit-" + UUID.randomUUID()));
                            assertThat(next.body().get("visitsLast30Days").asInt())
                                    .isEqualTo(first.body().get("visitsLast30Days").asInt() + 1);
                        }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> declared() throws Exception {
        Map<String, Object> openapi;
        try (var in = new FileInputStream(Path.of("..", "openapi.yaml").toFile())) {
            openapi = new Yaml().load(in);
        }
        var declared = new java.util.TreeMap<String, String>();
        ((Map<String, Map<String, Object>>) openapi.get("paths")).forEach((path, item) -> item.forEach((method, operation) -> {
            if (operation instanceof Map<?, ?> op && op.get("x-idempotency") != null) {
                declared.put(method.toUpperCase(java.util.Locale.ROOT) + " " + path, String.valueOf(op.get("x-idempotency")));
            }
        }));
        return declared;
    }

    @Test
    void everyDeclaredRouteReplaysItsFirstAnswerDoesItOnceAndRefusesAnotherBodyUnderTheSameKey() throws Exception {
        var replays = everyDeclaredRoute();
        assertThat(replays).extracting(Replay::routeKey).as("every route openapi.yaml declares x-idempotency")
                .containsExactlyInAnyOrderElementsOf(declared().keySet());
        for (var r : replays) {
            var key = "replay-" + UUID.randomUUID();
            var first = client.send("POST", r.path(), r.token(), r.body(), r.with(Map.of("Idempotency-Key", key)));
            // 200 where the effect changes what exists (an option confirmed), 201/202 where it creates
            assertThat(first.status()).as(r.routeKey() + " " + first.raw().body()).isIn(200, 201, 202);
            var again = client.send("POST", r.path(), r.token(), r.body(), r.with(Map.of("Idempotency-Key", key)));
            assertThat(again.status()).as(r.routeKey()).isEqualTo(first.status());
            assertThat(again.body()).as(r.routeKey()).isEqualTo(first.body());
            assertThat(again.header("Idempotent-Replayed")).as(r.routeKey()).isEqualTo("true");
            var other = client.send("POST", r.path(), r.token(), r.otherBody(), r.with(Map.of("Idempotency-Key", key)));
            // one 422 for both modes: the same problem whichever mechanism keeps the key
            assertThat(other.status()).as(r.routeKey()).isEqualTo(422);
            assertThat(other.body().get("type").asText()).as(r.routeKey()).endsWith("/idempotency-conflict");
            assertThat(other.body().get("detail").asText()).as(r.routeKey())
                    .isEqualTo("Idempotency-Key " + key + " was already used with a different request");
            // neither the replay nor the refused body did anything
            r.doneOnce().accept(first);
        }
    }

    @Test
    void everyDeclaredRouteTakesTheSameKeyShape() throws Exception {
        var replays = everyDeclaredRoute();
        var modes = declared();
        for (var r : replays) {
            for (var bad : List.of("k".repeat(129), " ")) {
                var refused = client.send("POST", r.path(), r.token(), r.body(), r.with(Map.of("Idempotency-Key", bad)));
                assertThat(refused.status()).as(r.routeKey() + " [" + bad + "]").isEqualTo(400);
                assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("Idempotency-Key");
            }
            var without = client.send("POST", r.path(), r.token(), r.body(), r.with(Map.of()));
            // required where the claim is in the transaction; optional where the answer is remembered
            if (modes.get(r.routeKey()).equals("transactional")) assertThat(without.status()).as(r.routeKey()).isEqualTo(400);
            else assertThat(without.status()).as(r.routeKey()).isIn(201, 202);
        }
    }

    @Test
    void concurrentDuplicatesHaveOneEffect() throws Exception {
        var me = client.token("cust-idem-race", "customer", null);
        var staff = client.token("staff-idem-race", "staff", X);
        int before = available();
        var reservation = race(() -> client.send("POST", "/reservations", me, String.format(RESERVATION, 2),
                Map.of("Idempotency-Key", "race-reservation")));
        var order = race(() -> client.send("POST", "/orders", me, String.format(ORDER, 3),
                Map.of("Idempotency-Key", "race-order")));
        var registration = race(() -> client.send("POST", "/stores/" + X + "/customers", staff,
                "{\"firstName\":\"Race\",\"phone\":\"+33698765499\"}", Map.of("Idempotency-Key", "race-registration")));
        for (var replies : List.of(reservation, order, registration)) {
            // every duplicate either got the one answer or was told the first is still in progress; none made another
            assertThat(replies).extracting(LocalClient.Reply::status).allMatch(s -> s == 201 || s == 409);
            var ids = replies.stream().filter(r -> r.status() == 201).map(r -> r.body().get("id").asText()).distinct().toList();
            assertThat(ids).hasSize(1);
        }
        assertThat(client.get("/customers/me/reservations", me).body().get("items")).hasSize(1);
        assertThat(client.get("/customers/me/orders", me).body().get("items")).hasSize(1);
        assertThat(available()).isEqualTo(before - 2 - 3);
        var found = client.get("/stores/" + X + "/customers?phone=%2B33698765499", staff);
        assertThat(found.status()).isEqualTo(200);
        // an option confirmed eight times at once under one key: one order placed, one transfer requested
        var chooser = client.token("cust-idem-option-race", "customer", null);
        var waiting = client.send("POST", "/orders", chooser, JACKET_ORDER, Map.of("Idempotency-Key", "race-jacket"))
                .body().get("id").asText();
        var confirmed = race(() -> client.send("POST", "/orders/" + waiting + "/confirm-option", chooser,
                "{\"optionId\":\"transfer\"}", Map.of("Idempotency-Key", "race-option")));
        assertThat(confirmed).extracting(LocalClient.Reply::status).allMatch(s -> s == 200 || s == 409).contains(200);
        assertThat(confirmed).filteredOn(r -> r.status() == 200).allSatisfy(r ->
                assertThat(r.body().get("status").asText()).isEqualTo("PLACED"));
        assertThat(client.get("/ops/orders/" + waiting + "/transfers", ops).body().get("transfers")).hasSize(1);
    }

    private static List<LocalClient.Reply> race(Supplier<LocalClient.Reply> call) throws Exception {
        return Race.of(8).run(i -> call.get()).values();
    }
}
