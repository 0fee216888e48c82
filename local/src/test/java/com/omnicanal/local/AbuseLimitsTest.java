package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Abuse limits (SECURITY.md, API4 and API6): API Gateway throttles public and code-checking routes harder than the
 * default; one-time codes are capped per customer and per address; wrong pickup codes lock the order.
 */
class AbuseLimitsTest {
    private static final String X = "paris-rivoli";
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    @Test
    @SuppressWarnings("unchecked")
    void publicAndCodeCheckingRoutesAreThrottledHarderThanTheDefault() throws Exception {
        Map<String, Object> template;
        try (var in = new FileInputStream(Path.of("..", "template.yaml").toFile())) {
            template = TemplateRoutes.load(in);
        }
        var api = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) template.get("Resources"))
                .get("Api")).get("Properties");
        var defaults = (Map<String, Object>) api.get("DefaultRouteSettings");
        var perRoute = (Map<String, Map<String, Object>>) api.getOrDefault("RouteSettings", Map.of());
        int defaultRate = ((Number) defaults.get("ThrottlingRateLimit")).intValue();
        assertThat(defaultRate).isPositive();
        var mustBeStricter = new ArrayList<String>();
        try (var in = new FileInputStream(Path.of("..", "template.yaml").toFile())) {
            for (var route : TemplateRoutes.parse(in)) {
                // public routes that write or check a token; the catalogue reads (the storefront's main traffic) and
                // Twilio's signed webhooks (bursts after a campaign) keep the default
                boolean writesOrChecks = !route.method().equals("GET") || route.path().contains("{token}");
                if (route.isPublic() && writesOrChecks && !route.path().startsWith("/webhooks/")) {
                    mustBeStricter.add(route.routeKey());
                }
            }
        }
        mustBeStricter.add("POST /customers/me/identities");
        mustBeStricter.add("POST /customers/me/identities/verify");
        mustBeStricter.add("POST /stores/{storeId}/orders/{id}/collect");
        for (var route : mustBeStricter) {
            assertThat(perRoute).as("RouteSettings for " + route).containsKey(route);
            assertThat(((Number) perRoute.get(route).get("ThrottlingRateLimit")).intValue()).as(route).isLessThan(defaultRate);
            assertThat(((Number) perRoute.get(route).get("ThrottlingBurstLimit")).intValue()).as(route).isPositive();
        }
    }

    @Test
    void oneTimeCodesAreCappedPerCustomerAndPerAddress() {
        var me = client.token("cust-abuse-" + UUID.randomUUID(), "customer", null);
        for (int i = 1; i <= 5; i++) {
            assertThat(client.send("POST", "/customers/me/identities", me,
                    "{\"kind\":\"email\",\"value\":\"abuse-" + i + "@example.org\"}", Map.of()).status()).isEqualTo(202);
        }
        var sixth = client.send("POST", "/customers/me/identities", me, "{\"kind\":\"email\",\"value\":\"abuse-6@example.org\"}", Map.of());
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.body().get("type").asText()).endsWith("/too-many-requests");
        assertThat(sixth.body().get("retryAfter").asText()).isNotBlank();

        // many accounts cannot bomb one phone either
        for (int i = 1; i <= 5; i++) {
            var someone = client.token("cust-bomber-" + i + "-" + UUID.randomUUID(), "customer", null);
            assertThat(client.send("POST", "/customers/me/identities", someone,
                    "{\"kind\":\"phone\",\"value\":\"+33755501234\"}", Map.of()).status()).isEqualTo(202);
        }
        var another = client.token("cust-bomber-6-" + UUID.randomUUID(), "customer", null);
        assertThat(client.send("POST", "/customers/me/identities", another,
                "{\"kind\":\"phone\",\"value\":\"07 55 50 12 34\"}", Map.of()).status()).isEqualTo(429);
    }

    @Test
    void wrongPickupCodesLockTheOrderUntilStaffUnlockIt() {
        var me = client.token("cust-abuse-pickup", "customer", null);
        var staff = client.token("staff-abuse", "staff", X);
        var ops = client.token("ops-abuse", "ops", null);
        client.send("PUT", "/stores/" + X + "/stock", ops, "{\"feedSequence\":" + System.currentTimeMillis()
                + ",\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"onHand\":500}]}", Map.of());
        var order = client.send("POST", "/orders", me, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],\"pickupStoreId\":\""
                + X + "\",\"contact\":{\"name\":\"C\",\"email\":\"c@example.org\"},\"paymentAuthorization\":\"pa_abuse_1\"}",
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).body().get("id").asText();
        client.send("POST", "/stores/" + X + "/orders/" + order + "/accept", staff, null, Map.of());
        client.send("POST", "/stores/" + X + "/orders/" + order + "/ready", staff, null, Map.of());
        var code = client.get("/orders/" + order, me).body().get("pickupCode").asText();
        var wrong = code.equals("AAAAAA") ? "BBBBBB" : "AAAAAA";
        int tries = 0;
        LocalClient.Reply reply;
        do {
            reply = client.send("POST", "/stores/" + X + "/orders/" + order + "/collect", staff,
                    "{\"pickupCode\":\"" + wrong + "\"}", Map.of());
            tries++;
        } while (!reply.body().get("detail").asText().contains("locked") && tries < 20);
        assertThat(tries).as("wrong codes before the lock").isLessThanOrEqualTo(5);
        var right = client.send("POST", "/stores/" + X + "/orders/" + order + "/collect", staff,
                "{\"pickupCode\":\"" + code + "\"}", Map.of());
        assertThat(right.status()).as("even the right code, while locked").isEqualTo(409);
        assertThat(client.send("POST", "/stores/" + X + "/orders/" + order + "/unlock", staff, null, Map.of()).status())
                .isEqualTo(200);
        assertThat(client.send("POST", "/stores/" + X + "/orders/" + order + "/collect", staff,
                "{\"pickupCode\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);
    }
}
