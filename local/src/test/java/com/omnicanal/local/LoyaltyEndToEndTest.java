package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Loyalty across channels through the local gateway: Hugo's card at a Paris till earns, he spends points on the web
 * for a code and uses it, returns the item in Bordeaux (a third store) and the points of that line go back once;
 * each store's report says what it issued and what came back there.
 */
class LoyaltyEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();
    private static final String HUGOS_CARD = "4000 5678 5678 5678";

    @Test
    void aStoreSaleEarnsAWebOrderSpendsAndAReturnInAThirdStoreTakesBackOnce() throws Exception {
        var hugo = client.token("cust-hugo", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var bordeaux = client.token("staff-ines", "staff", "bordeaux-sainte-catherine");
        var ops = client.token("ops-nadia", "ops", null);
        var before = client.get("/customers/me/loyalty", hugo).body();
        // the demo history: a sale in Lyon 50 days ago, available since (2 x 99 EUR and the first purchase's 50)
        assertThat(before.get("available").asLong()).isEqualTo(248);

        // a store sale earns: pending for the return window, once however often the till sends it
        var receipt = "PAR-RIV-E2E-" + UUID.randomUUID().toString().substring(0, 8);
        var sale = "{\"receiptId\":\"" + receipt + "\",\"lines\":[{\"sku\":\"VES-LIN-BEI-M\",\"quantity\":1,\"unitPriceCents\":18900},"
                + "{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":2,\"unitPriceCents\":2990}],\"card\":\"" + HUGOS_CARD + "\"}";
        var recorded = client.send("POST", "/stores/paris-rivoli/sales", lea, sale, Map.of());
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);
        assertThat(recorded.body().get("pointsPending").asLong()).isEqualTo(189 + 59);
        var again = client.send("POST", "/stores/paris-rivoli/sales", lea, sale, Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(client.send("POST", "/stores/paris-rivoli/sales", lea, sale.replace("\"quantity\":2", "\"quantity\":3"), Map.of())
                .status()).as("the same receipt with other lines").isEqualTo(409);
        var account = client.get("/customers/me/loyalty", hugo).body();
        assertThat(account.get("pending").asLong()).isEqualTo(before.get("pending").asLong() + 248);
        assertThat(client.get("/stores/paris-rivoli/customers/cust-hugo/loyalty", lea).body().get("tier").asText())
                .as("staff see the tier at the till").isEqualTo("MEMBER");
        var lookup = client.get("/stores/paris-rivoli/customers?card=4000567856785678", lea).body();
        assertThat(lookup.get("customerId").asText()).isEqualTo("cust-hugo");
        assertThat(lookup.get("loyalty").get("available").asLong()).as("the staff lookup shows the balance").isEqualTo(248);
        assertThat(lookup.get("loyalty").get("tier").asText()).isEqualTo("MEMBER");

        // points earned in a Lyon store are spent on the web: a code worth their value, used once
        var spend = client.send("POST", "/customers/me/loyalty/rewards", hugo, "{\"points\":200}", Map.of("Idempotency-Key", "e2e-spend"));
        assertThat(spend.status()).as(spend.raw().body()).isEqualTo(201);
        assertThat(spend.body().get("amountOffCents").asLong()).isEqualTo(1000);
        var code = spend.body().get("code").asText();
        var replay = client.send("POST", "/customers/me/loyalty/rewards", hugo, "{\"points\":200}", Map.of("Idempotency-Key", "e2e-spend"));
        assertThat(replay.body().get("code").asText()).isEqualTo(code);
        assertThat(client.send("POST", "/customers/me/loyalty/rewards", hugo, "{\"points\":100}", Map.of("Idempotency-Key", "e2e-more"))
                .status()).as("48 points left do not cover 100").isEqualTo(409);
        assertThat(client.send("POST", "/rewards/" + code + "/redeem", hugo, null, Map.of()).status()).isEqualTo(200);
        assertThat(client.send("POST", "/rewards/" + code + "/redeem", hugo, null, Map.of()).status()).isEqualTo(409);
        assertThat(client.get("/customers/me/loyalty", hugo).body().get("available").asLong()).isEqualTo(48);

        // the jacket comes back in Bordeaux: its 189 points go, the T-shirts' stay; a second reception changes nothing
        var requested = client.send("POST", "/returns", hugo, "{\"receiptReference\":\"" + receipt + "\",\"lines\":[{\"sku\":"
                + "\"VES-LIN-BEI-M\",\"quantity\":1}],\"reason\":\"too large\",\"method\":\"store\",\"storeId\":\"bordeaux-sainte-catherine\"}",
                Map.of("Idempotency-Key", "e2e-return"));
        assertThat(requested.status()).as(requested.raw().body()).isEqualTo(201);
        var id = requested.body().get("id").asText();
        var receive = "{\"lines\":[{\"sku\":\"VES-LIN-BEI-M\",\"quantity\":1,\"condition\":\"resellable\"}]}";
        assertThat(client.send("POST", "/stores/bordeaux-sainte-catherine/returns/" + id + "/receive", bordeaux, receive, Map.of())
                .status()).isEqualTo(200);
        long expectedPending = before.get("pending").asLong() + 59;
        var deadline = System.nanoTime() + 30_000_000_000L;
        long pending;
        do {
            Thread.sleep(200);
            pending = client.get("/customers/me/loyalty", hugo).body().get("pending").asLong();
        } while (pending != expectedPending && System.nanoTime() < deadline);
        assertThat(pending).as("pending once the return reached loyalty through the outbox stream").isEqualTo(expectedPending);
        Thread.sleep(1500);
        assertThat(client.get("/customers/me/loyalty", hugo).body().get("pending").asLong()).isEqualTo(expectedPending);
        var ledger = client.get("/customers/me/loyalty/ledger?limit=200", hugo).body().get("items");
        var reversals = new java.util.ArrayList<com.fasterxml.jackson.databind.JsonNode>();
        ledger.forEach(e -> {
            if (e.get("type").asText().equals("REVERSE")) reversals.add(e);
        });
        assertThat(reversals).singleElement().satisfies(e -> {
            assertThat(e.get("pending").asLong()).isEqualTo(-189);
            assertThat(e.get("storeId").asText()).isEqualTo("bordeaux-sainte-catherine");
            assertThat(e.get("source").get("id").asText()).isEqualTo(id);
        });

        // which store owes what: issued in Paris, taken back in Bordeaux, spent on the web
        var month = YearMonth.now(ZoneOffset.UTC).toString();
        assertThat(client.get("/stores/paris-rivoli/loyalty-report?month=" + month, lea).body().get("issued").asLong())
                .isGreaterThanOrEqualTo(248);
        var bx = client.get("/stores/bordeaux-sainte-catherine/loyalty-report?month=" + month, bordeaux).body();
        assertThat(bx.get("reversed").asLong()).isEqualTo(189);
        assertThat(client.get("/stores/bordeaux-sainte-catherine/loyalty-report?month=" + month, lea).status()).isEqualTo(403);
        assertThat(client.get("/stores/WEB/loyalty-report?month=" + month, ops).body().get("redeemed").asLong()).isEqualTo(200);
    }

    @Test
    void aBirthDateTheCustomerSetsDoublesWhatSheEarnsThatMonthAndStaffNeverSeeIt() {
        var emma = client.token("cust-emma", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var thisMonth = java.time.LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1).minusYears(30);
        var set = client.send("PATCH", "/customers/me", emma, "{\"birthDate\":\"" + thisMonth + "\"}", Map.of());
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.body().get("birthDate").asText()).isEqualTo(thisMonth.toString());
        var tooYoung = client.send("PATCH", "/customers/me", emma, "{\"birthDate\":\"" + java.time.LocalDate.now(ZoneOffset.UTC)
                .minusYears(3) + "\"}", Map.of());
        assertThat(tooYoung.status()).isEqualTo(400);
        assertThat(tooYoung.header("Content-Type")).startsWith("application/problem+json");
        assertThat(tooYoung.raw().body()).contains("birthDate");

        // one T-shirt (29.90 EUR) at the Paris till in her birthday month: 59 points instead of 29
        assertThat(sale(lea, "4000 9012 9012 9012")).isEqualTo(59);
        var other = thisMonth.plusMonths(6);
        assertThat(client.send("PATCH", "/customers/me", emma, "{\"birthDate\":\"" + other + "\"}", Map.of()).status())
                .isEqualTo(200);
        assertThat(sale(lea, "4000 9012 9012 9012")).isEqualTo(29);

        // hers to read and export; staff looking her up at the till never see it
        assertThat(client.get("/customers/me/export", emma).raw().body()).contains("\"birthDate\":\"" + other + "\"");
        var lookup = client.get("/stores/paris-rivoli/customers?card=4000901290129012", lea);
        assertThat(lookup.status()).isEqualTo(200);
        assertThat(lookup.raw().body()).doesNotContain("birthDate").doesNotContain(other.toString());
    }

    @Test
    void aLoyaltyMessageToAMemberWithoutMarketingConsentIsWithheldNotFailed() throws Exception {
        var ops = client.token("ops-nadia", "ops", null);
        var hugo = client.token("cust-hugo", "customer", null);
        // the demo history made points available to Hugo, who consented to no marketing
        var deadline = System.nanoTime() + 30_000_000_000L;
        com.fasterxml.jackson.databind.JsonNode withheld = null;
        while (withheld == null && System.nanoTime() < deadline) {
            for (var item : client.get("/ops/messages?status=withheld", ops).body().get("items")) {
                if ("cust-hugo".equals(item.get("customerId").asText())) withheld = item;
            }
            if (withheld == null) Thread.sleep(200);
        }
        assertThat(withheld).as("Hugo's loyalty message among the withheld").isNotNull();
        assertThat(withheld.get("status").asText()).isEqualTo("WITHHELD");
        assertThat(withheld.get("purpose").asText()).isEqualTo("MARKETING");
        assertThat(withheld.get("reason").asText()).isEqualTo("no-consented-channel");
        var id = withheld.get("id").asText();
        for (var item : client.get("/ops/messages?status=failed", ops).body().get("items")) {
            assertThat(item.get("id").asText()).isNotEqualTo(id);
        }
        var timeline = client.get("/customers/me/timeline", hugo).body().get("items");
        assertThat(timeline).anySatisfy(e -> {
            assertThat(e.get("id").asText()).isEqualTo(id);
            assertThat(e.get("status").asText()).isEqualTo("WITHHELD");
        });
    }

    /** A till sale of one T-shirt with this card; the points it put pending. */
    private static long sale(String staff, String card) {
        var receipt = "PAR-RIV-BDAY-" + UUID.randomUUID().toString().substring(0, 8);
        var recorded = client.send("POST", "/stores/paris-rivoli/sales", staff, "{\"receiptId\":\"" + receipt
                + "\",\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1,\"unitPriceCents\":2990}],\"card\":\"" + card + "\"}",
                Map.of());
        assertThat(recorded.status()).as(recorded.raw().body()).isEqualTo(201);
        return recorded.body().get("pointsPending").asLong();
    }
}
