package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalogue as data, through the local gateway: a feed changes a price, and the web search, a store's lookup and a
 * new order see it at once, while an order placed before keeps the price it was placed at; a sale shows beside its
 * regular price; a product left out of a feed is no longer sold.
 */
class CatalogEndToEndTest {
    private static final String SKU = "TSH-COT-BLU-M";
    private static LocalStack stack;
    private static LocalClient client;
    private static String ops;
    private static String demo;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(0, null);
        client = new LocalClient(stack.port());
        ops = client.token("ops-catalogue", "ops", null);
        demo = Files.readString(Path.of("src", "main", "resources", "demo", "products.jsonl"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static LocalClient.Reply feed(String id, String content) {
        return client.send("POST", "/ops/catalog/feeds/" + id, ops, content, Map.of("Content-Type", "application/x-ndjson"));
    }

    private static String line(String sku) {
        return demo.lines().filter(l -> l.contains("\"sku\":\"" + sku + "\"")).findFirst().orElseThrow();
    }

    private static JsonNode found(String sku) {
        var items = client.get("/products?q=" + sku, null).body().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static String order(String sku, String key, String customer) {
        var placed = client.send("POST", "/orders", customer, "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Client\",\"email\":\"prices@example.org\"},"
                + "\"paymentAuthorization\":\"pa_prices_0001\"}", Map.of("Idempotency-Key", key));
        assertThat(placed.status()).as(placed.raw().body()).isEqualTo(201);
        return placed.body().get("id").asText();
    }

    private static int unitPrice(String order, String customer) {
        return client.get("/orders/" + order, customer).body().get("lines").get(0).get("unitPriceCents").asInt();
    }

    @Test
    void aNewPriceIsSeenAtOnceByTheWebTheStoresAndNewOrdersAndAnOrderPlacedBeforeKeepsItsPrice() {
        var camille = client.token("cust-prices", "customer", null);
        var before = order(SKU, "prices-before", camille);
        assertThat(unitPrice(before, camille)).isEqualTo(2990);

        var changed = demo.replace(line(SKU), line(SKU).replace("\"priceCents\":2990,", "\"priceCents\":2490,\"channelPrices\":{\"STORE\":2290},"))
                .replace(line("BOU-CIR-FIG"), line("BOU-CIR-FIG").replace("}", ",\"priceChanges\":[{\"priceCents\":1490,"
                        + "\"startsAt\":\"2020-01-01T00:00:00\",\"endsAt\":\"2099-01-01T00:00:00\",\"channels\":[\"WEB\"]}]}"));
        var applied = feed("prices-1", changed);
        assertThat(applied.status()).as(applied.raw().body()).isEqualTo(201);
        assertThat(applied.body().get("changed").asInt()).as("the two changed here (and what another test left out)").isGreaterThanOrEqualTo(2);
        assertThat(applied.body().get("rejected").asInt()).isZero();

        assertThat(found(SKU).get("priceCents").asInt()).as("web search").isEqualTo(2490);
        var lookup = client.get("/stock/" + SKU, null).body();
        assertThat(lookup.get("priceCents").asInt()).isEqualTo(2490);
        assertThat(lookup.get("locations")).filteredOn(l -> l.get("locationId").asText().equals("paris-rivoli"))
                .singleElement().satisfies(l -> assertThat(l.get("priceCents").asInt()).as("at the till").isEqualTo(2290));
        var after = order(SKU, "prices-after", camille);
        assertThat(unitPrice(after, camille)).as("a new order").isEqualTo(2490);
        assertThat(unitPrice(before, camille)).as("the order placed before").isEqualTo(2990);

        var candle = found("BOU-CIR-FIG");
        assertThat(candle.get("priceCents").asInt()).as("on sale on the web").isEqualTo(1490);
        assertThat(candle.get("regularPriceCents").asInt()).isEqualTo(2400);
        assertThat(client.get("/stock/BOU-CIR-FIG", null).body().get("locations")).allSatisfy(l ->
                assertThat(l.get("priceCents").asInt()).isEqualTo(l.get("type").asText().equals("web") ? 1490 : 2400));
    }

    @Test
    void aProductLeftOutOfACompleteFeedIsNoLongerSoldButStillKnown() {
        var gone = "VES-LIN-BEI-S";
        var applied = feed("without-" + gone, demo.replace(line(gone) + "\n", ""));
        assertThat(applied.status()).as(applied.raw().body()).isEqualTo(201);
        assertThat(applied.body().get("discontinued").asInt()).isEqualTo(1);

        assertThat(client.get("/products?q=" + gone, null).body().get("items")).isEmpty();
        assertThat(client.get("/stock/" + gone, null).status()).as("still known").isEqualTo(200);
        var hugo = client.token("cust-hugo-gone", "customer", null);
        var reserve = client.send("POST", "/reservations", hugo, "{\"sku\":\"" + gone + "\",\"storeId\":\"paris-rivoli\",\"quantity\":1}",
                Map.of("Idempotency-Key", "gone-1"));
        assertThat(reserve.status()).isEqualTo(409);

        var replay = feed("without-" + gone, demo.replace(line(gone) + "\n", ""));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.body()).isEqualTo(applied.body());
        assertThat(feed("without-" + gone, demo).status()).as("the id with other content").isEqualTo(422);
        var tooLong = feed("too-long", demo + " ".repeat(65_001 - demo.length()));
        assertThat(tooLong.status()).as("a feed above the API's 65,000 characters goes to the bucket").isEqualTo(400);
        assertThat(tooLong.body().toString()).contains("body");
    }

    @Test
    void opsOpenAStoreThatTakesNoReservationsAndEveryJourneyKnowsAtOnce() {
        var store = "{\"name\":\"Omnicanal Marseille\",\"address\":{\"street\":\"2 quai du Port\",\"postcode\":\"13002\","
                + "\"city\":\"Marseille\",\"country\":\"FR\"},\"phone\":\"+33 4 91 54 00 00\",\"timeZone\":\"Europe/Paris\","
                + "\"openingHours\":[{\"day\":\"MONDAY\",\"opens\":\"10:00\",\"closes\":\"19:00\"}],"
                + "\"coordinates\":{\"latitude\":43.2951,\"longitude\":5.374},\"services\":[\"CLICK_AND_COLLECT\"],"
                + "\"closures\":[{\"from\":\"2026-12-25\",\"to\":\"2026-12-24\"}]}";
        var refused = client.send("PUT", "/ops/stores/marseille", ops, store, Map.of());
        assertThat(refused.status()).as("a closure that ends before it starts").isEqualTo(400);
        assertThat(client.get("/stores/marseille", null).status()).as("nothing written").isEqualTo(404);

        var opened = client.send("PUT", "/ops/stores/marseille", ops, store.replace("\"to\":\"2026-12-24\"", "\"to\":\"2026-12-26\""), Map.of());
        assertThat(opened.status()).as(opened.raw().body()).isEqualTo(201);
        var week = client.get("/stores/marseille", null).body();
        assertThat(week.get("days")).hasSize(7);
        assertThat(client.get("/stores", null).body().get("items")).anySatisfy(s -> assertThat(s.get("id").asText()).isEqualTo("marseille"));

        var feed = client.send("PUT", "/stores/marseille/stock", ops, "{\"feedSequence\":1,\"lines\":[{\"sku\":\"" + SKU + "\",\"onHand\":5}]}",
                Map.of());
        assertThat(feed.status()).isEqualTo(200);
        var emma = client.token("cust-emma-marseille", "customer", null);
        var reserve = client.send("POST", "/reservations", emma, "{\"sku\":\"" + SKU + "\",\"storeId\":\"marseille\",\"quantity\":1}",
                Map.of("Idempotency-Key", "marseille-1"));
        assertThat(reserve.status()).as(reserve.raw().body()).isEqualTo(409);
    }

    @Test
    void inStockNearMeNamesTheStoresWithinTheRadiusThatHaveItWithTheirUnits() {
        var units = new int[1];
        for (var l : client.get("/stock/" + SKU, null).body().get("locations")) {
            if (l.get("locationId").asText().equals("paris-rivoli")) units[0] = l.get("available").asInt();
        }
        // at Paris Rivoli's door, 1 km: Saint-Germain (1.2 km away) is out of reach
        var near = client.get("/products?q=" + SKU + "&lat=48.8606&lon=2.3444&radiusKm=1", null).body().get("items");
        assertThat(units[0]).isPositive();
        assertThat(near).singleElement().satisfies(p -> assertThat(p.get("nearby")).singleElement().satisfies(n -> {
            assertThat(n.get("storeId").asText()).isEqualTo("paris-rivoli");
            assertThat(n.get("available").asInt()).isEqualTo(units[0]);
        }));
        assertThat(client.get("/products?q=" + SKU + "&lat=43.6047&lon=1.4442", null).body().get("items")).as("Toulouse").isEmpty();
        assertThat(client.get("/products?q=" + SKU + "&lat=43.6047", null).status()).as("lat without lon").isEqualTo(400);
    }
}
