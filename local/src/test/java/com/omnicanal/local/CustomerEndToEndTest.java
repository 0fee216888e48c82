package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The customer's own data through the gateway: the customer, staff and another customer each see what they should. */
class CustomerEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    @Test
    void aNewAccountVerifiesItsPhoneWithTheCodeReceivedBySms() throws Exception {
        var me = client.token("cust-new-e2e", "customer", null);
        assertThat(client.get("/customers/me", me).body().get("status").asText()).isEqualTo("ACTIVE");
        var sent = client.send("POST", "/customers/me/identities", me, "{\"kind\":\"phone\",\"value\":\"07 45 11 22 33\"}", Map.of());
        assertThat(sent.status()).isEqualTo(202);
        var sms = client.awaitInbox(i -> i.get("to").asText().equals("+33745112233") && i.get("text").asText().contains("code"));
        var code = sms.get("text").asText().replaceAll(".*?(\\d{6}).*", "$1");
        var wrong = client.send("POST", "/customers/me/identities/verify", me,
                "{\"kind\":\"phone\",\"value\":\"0745112233\",\"code\":\"" + ("000000".equals(code) ? "111111" : "000000") + "\"}", Map.of());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body().get("errors").get(0).get("field").asText()).isEqualTo("code");
        var ok = client.send("POST", "/customers/me/identities/verify", me,
                "{\"kind\":\"phone\",\"value\":\"0745112233\",\"code\":\"" + code + "\"}", Map.of());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body().get("phone").asText()).isEqualTo("+33745112233");
        var other = client.token("cust-other-e2e", "customer", null);
        assertThat(client.send("POST", "/customers/me/identities", other, "{\"kind\":\"phone\",\"value\":\"0745112233\"}", Map.of())
                .status()).isEqualTo(409);
        assertThat(client.send("POST", "/customers/me/identities", other, "{\"kind\":\"phone\",\"value\":\"12\"}", Map.of())
                .body().get("errors").get(0).get("field").asText()).isEqualTo("phone");
    }

    @Test
    void customersStaffAndOtherCustomersEachSeeWhatTheyShould() {
        var camille = client.token("cust-camille", "customer", null);
        var hugo = client.token("cust-hugo", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var karim = client.token("staff-karim", "staff", "lyon-republique");

        var profile = client.get("/customers/me", camille).body();
        assertThat(profile.get("firstName").asText()).isEqualTo("Camille");
        assertThat(client.get("/customers/me", hugo).body().get("firstName").asText()).isEqualTo("Hugo");
        assertThat(client.send("PATCH", "/customers/me", camille, "{\"language\":\"de\"}", Map.of()).status()).isEqualTo(400);
        assertThat(client.send("PUT", "/customers/me/consents", camille, "{\"consents\":[{\"purpose\":\"FEEDBACK\","
                + "\"channel\":\"EMAIL\",\"granted\":true,\"textVersion\":\"v3\"}]}", Map.of()).status()).isEqualTo(200);
        assertThat(client.get("/customers/me/consents", hugo).body().get("consents").toString()).doesNotContain("v3");

        var seen = client.get("/stores/paris-rivoli/customers?phone=06%2012%2034%2056%2078", lea);
        assertThat(seen.status()).isEqualTo(200);
        assertThat(seen.body().get("customerId").asText()).isEqualTo("cust-camille");
        assertThat(seen.body().has("email")).isFalse();
        assertThat(client.get("/stores/paris-rivoli/customers?phone=0612345678", karim).status()).isEqualTo(403);
        assertThat(client.get("/stores/paris-rivoli/customers?phone=0612345678", hugo).status()).isEqualTo(403);
        assertThat(client.get("/stores/paris-rivoli/customers", lea).status()).isEqualTo(400);
        assertThat(client.get("/customers/me/export", camille).body().get("storeAccesses")).isNotEmpty();
        assertThat(client.get("/customers/me/export", hugo).body().get("storeAccesses")).isEmpty();
        assertThat(client.get("/customers/me/timeline", camille).status()).isEqualTo(200);
        assertThat(client.get("/customers/me", null).status()).isEqualTo(401);
    }

    @Test
    void quietHoursAreSetKeptRemovedWithNullAndNeverEmpty() {
        var me = client.token("cust-quiet-e2e", "customer", null);
        var night = "{\"start\":\"22:00\",\"end\":\"08:00\",\"timeZone\":\"Europe/Paris\"}";
        var set = client.send("PATCH", "/customers/me", me, "{\"quietHours\":" + night + "}", Map.of());
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.body().get("quietHours").get("end").asText()).isEqualTo("08:00");
        assertThat(set.body().get("quietHours").size()).as("only the documented fields").isEqualTo(3);

        var empty = client.send("PATCH", "/customers/me", me, "{\"firstName\":\"Inès\",\"quietHours\":"
                + "{\"start\":\"22:00\",\"end\":\"22:00\",\"timeZone\":\"Europe/Paris\"}}", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.body().get("errors").get(0).get("field").asText()).isEqualTo("quietHours.end");
        var unchanged = client.get("/customers/me", me).body();
        assertThat(unchanged.has("firstName")).isFalse();
        assertThat(unchanged.get("quietHours").get("start").asText()).isEqualTo("22:00");

        assertThat(client.send("PATCH", "/customers/me", me, "{\"firstName\":\"Inès\"}", Map.of()).body()
                .get("quietHours").get("start").asText()).isEqualTo("22:00");
        var cleared = client.send("PATCH", "/customers/me", me, "{\"quietHours\":null}", Map.of());
        assertThat(cleared.status()).isEqualTo(200);
        assertThat(cleared.body().has("quietHours")).isFalse();
        var after = client.get("/customers/me", me).body();
        assertThat(after.has("quietHours")).isFalse();
        assertThat(after.get("firstName").asText()).isEqualTo("Inès");
    }

    @Test
    void erasureThroughTheApiRetiresTheTokenAndCanBeAskedAgain() {
        var zoe = client.token("cust-zoe-e2e", "customer", null);
        client.send("PATCH", "/customers/me", zoe, "{\"firstName\":\"Zoé\",\"lastName\":\"Quintard\"}", Map.of());
        assertThat(client.send("DELETE", "/customers/me", zoe, null, Map.of()).status()).isEqualTo(204);
        // the erased sign-in writes nothing any more: no new profile, no order under the erased id
        var after = client.get("/customers/me", zoe);
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.body().toString()).doesNotContain("Quintard");
        assertThat(client.send("POST", "/orders", zoe, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Zoé\",\"email\":\"zoe@example.fr\"},"
                + "\"paymentAuthorization\":\"pa_after_erasure\"}", Map.of("Idempotency-Key", "after-erasure")).status()).isEqualTo(403);
        assertThat(client.get("/customers/me/orders", zoe).body().get("items")).isEmpty();
        // asking again finishes an erasure that was cut off; a new sign-up starts empty
        assertThat(client.send("DELETE", "/customers/me", zoe, null, Map.of()).status()).isEqualTo(204);
        assertThat(client.get("/customers/me", client.token("cust-zoe-again-e2e", "customer", null)).status()).isEqualTo(200);
    }

    @Test
    void anOrderContactDoesNotLetTheOrdererIntoTheAccountThatLaterVerifiesThatPhone() throws Exception {
        var attacker = client.token("cust-attacker-e2e", "customer", null);
        var victim = client.token("cust-victim-e2e", "customer", null);
        client.send("PATCH", "/customers/me", victim, "{\"firstName\":\"Valérie\",\"lastName\":\"Victime\"}", Map.of());
        var planted = client.send("POST", "/orders", attacker, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Whoever\",\"phone\":\"07 45 99 88 77\"},"
                + "\"paymentAuthorization\":\"pa_planted_1\"}", Map.of("Idempotency-Key", "planted-1"));
        assertThat(planted.status()).isEqualTo(201);
        var orderId = planted.body().get("id").asText();

        // the victim adds that phone and enters the code it received
        client.send("POST", "/customers/me/identities", victim, "{\"kind\":\"phone\",\"value\":\"07 45 99 88 77\"}", Map.of());
        var sms = client.awaitInbox(i -> i.get("to").asText().equals("+33745998877") && i.get("text").asText().contains("code de"));
        var code = sms.get("text").asText().replaceAll(".*?(\\d{6}).*", "$1");
        assertThat(client.send("POST", "/customers/me/identities/verify", victim,
                "{\"kind\":\"phone\",\"value\":\"0745998877\",\"code\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);

        // the attacker's token still reads, changes and erases only the attacker's own profile
        var me = client.get("/customers/me", attacker);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body().get("id").asText()).isEqualTo("cust-attacker-e2e");
        assertThat(client.get("/customers/me/export", attacker).body().toString()).doesNotContain("Victime", "cust-victim-e2e");
        client.send("PATCH", "/customers/me", attacker, "{\"firstName\":\"Pirate\"}", Map.of());
        // and the other way round: nothing of the attacker's order in the victim's account
        assertThat(client.get("/customers/me/export", victim).body().toString()).doesNotContain(orderId);
        assertThat(client.get("/customers/me/orders", victim).body().get("items")).isEmpty();
        assertThat(client.send("DELETE", "/customers/me", attacker, null, Map.of()).status()).isEqualTo(204);

        var after = client.get("/customers/me", victim).body();
        assertThat(after.get("firstName").asText()).isEqualTo("Valérie");
        assertThat(after.get("phone").asText()).isEqualTo("+33745998877");
    }

    @Test
    void theCodeSentToSomeoneElsesPhoneIsNotInTheExportOfWhoeverAskedForIt() throws Exception {
        var attacker = client.token("cust-otp-thief-e2e", "customer", null);
        assertThat(client.send("POST", "/customers/me/identities", attacker, "{\"kind\":\"phone\",\"value\":\"07 45 55 44 33\"}",
                Map.of()).status()).isEqualTo(202);
        var sms = client.awaitInbox(i -> i.get("to").asText().equals("+33745554433") && i.get("text").asText().contains("code de"));
        var code = sms.get("text").asText().replaceAll(".*?(\\d{6}).*", "$1");

        var exported = client.get("/customers/me/export", attacker).body().toString();
        assertThat(exported).contains("+33745554433").doesNotContain("\"" + code + "\"");
    }

    @Test
    void textThatIsNotWhatTheCustomerSentIsRefusedAndTheProfileKeepsItsName() {
        var ines = client.token("cust-ines-e2e", "customer", null);
        assertThat(client.send("PATCH", "/customers/me", ines, "{\"firstName\":\"Inès\"}", Map.of()).status()).isEqualTo(200);
        // "Zoé" in Latin-1: not UTF-8, so not stored as "Zo\ufffd"
        var notUtf8 = client.sendRaw("PATCH", "/customers/me", ines,
                "{\"firstName\":\"Zoé\"}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "application/json");
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.body().get("errors").get(0).toString()).contains("body", "UTF-8");
        for (var name : java.util.List.of("\\ud800", "Zo\\u0000", "Zo\\u0007")) {
            var refused = client.send("PATCH", "/customers/me", ines, "{\"firstName\":\"" + name + "\"}", Map.of());
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.body().get("errors").get(0).get("field").asText()).isEqualTo("firstName");
        }
        var twice = client.send("PATCH", "/customers/me", ines, "{\"firstName\":\"Inès\",\"firstName\":\"Zoé\"}", Map.of());
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body().get("errors").get(0).get("field").asText()).isEqualTo("firstName");
        assertThat(client.sendRaw("PATCH", "/customers/me", ines,
                "{\"firstName\":\"Zoé\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain").status()).isEqualTo(415);
        assertThat(client.get("/customers/me", ines).body().get("firstName").asText()).isEqualTo("Inès");
    }
}
