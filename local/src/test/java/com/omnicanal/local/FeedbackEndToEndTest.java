package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Collect an order, get the feedback invitation by email, answer by its link, receive the reward code. */
class FeedbackEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    @Test
    void collectThenInvitationThenAnswerThenRewardCode() throws Exception {
        var emma = client.token("cust-emma", "customer", null);
        var lea = client.token("staff-lea", "staff", "paris-rivoli");
        var ops = client.token("ops-nadia", "ops", null);
        var placed = client.send("POST", "/orders", emma, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1}],"
                + "\"pickupStoreId\":\"paris-rivoli\",\"contact\":{\"name\":\"Emma Wilson\",\"email\":\"emma.wilson@example.com\"},"
                + "\"paymentAuthorization\":\"pa_local_feedback1\"}", Map.of("Idempotency-Key", "fb-1"));
        assertThat(placed.status()).isEqualTo(201);
        var id = placed.body().get("id").asText();
        client.send("POST", "/stores/paris-rivoli/orders/" + id + "/accept", lea, null, Map.of());
        client.send("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, Map.of());
        var code = client.get("/orders/" + id, emma).body().get("pickupCode").asText();
        assertThat(client.send("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea,
                "{\"pickupCode\":\"" + code + "\"}", Map.of()).status()).isEqualTo(200);

        // the demo questionnaire has no delay: the next run of the schedule sends the invitation
        var sweep = client.send("POST", "/_local/schedules/feedbackSweeper", null, null, Map.of());
        assertThat(sweep.body().get("queued").asInt()).isEqualTo(1);
        var invitation = client.awaitInbox(i -> i.get("to").asText().equals("emma.wilson@example.com")
                && i.get("subject").asText().startsWith("How was your visit"));
        assertThat(invitation.get("text").asText()).contains("10% discount code");
        var link = Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/feedback/[A-Za-z0-9._-]+)").matcher(invitation.get("text").asText());
        assertThat(link.find()).isTrue();
        var path = link.group(1);

        var view = client.get(path, null);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("language").asText()).isEqualTo("en");
        assertThat(view.body().get("questions").get(0).get("text").asText())
                .isEqualTo("Would you recommend our in-store pickup to a friend?");
        var notAsked = client.send("POST", path, null, "{\"answers\":[{\"questionId\":\"nps\",\"score\":10},"
                + "{\"questionId\":\"why\",\"choices\":[\"wait\"]}]}", Map.of());
        assertThat(notAsked.status()).isEqualTo(400);
        var answered = client.send("POST", path, null, "{\"answers\":[{\"questionId\":\"nps\",\"score\":5},"
                + "{\"questionId\":\"why\",\"choices\":[\"wait\",\"ready\"]},{\"questionId\":\"csat\",\"score\":2},"
                + "{\"questionId\":\"comment\",\"text\":\"Twenty minutes at the counter, call me on 07 45 67 89 01\"}]}", Map.of());
        assertThat(answered.status()).isEqualTo(201);
        var reward = answered.body().get("reward").get("code").asText();
        assertThat(reward).startsWith("MERCI-");
        var thanks = client.awaitInbox(i -> i.get("to").asText().equals("emma.wilson@example.com") && i.get("text").asText().contains(reward));
        assertThat(thanks.get("channel").asText()).isEqualTo("EMAIL");
        assertThat(client.send("POST", path, null, "{\"answers\":[{\"questionId\":\"nps\",\"score\":10}]}", Map.of()).status())
                .isEqualTo(409);

        var results = client.get("/ops/questionnaires/q-demo-pickup/results", ops);
        assertThat(results.status()).isEqualTo(200);
        assertThat(results.body().get("overall").get("answered").asInt()).isGreaterThanOrEqualTo(1);
        // counted as sent when the dispatcher's channel took it (the stream poller told feedback), not when queued
        assertThat(results.body().get("overall").get("sent").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(results.body().get("freeText").toString()).contains("call me on [number]").doesNotContain("07 45");
        var csv = client.get("/ops/questionnaires/q-demo-pickup/results?format=csv", ops);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.raw().body()).contains("\"why\",MULTI,,\"wait|ready\"");
        assertThat(client.get("/ops/questionnaires/q-demo-pickup/results", lea).status()).isEqualTo(403);

        assertThat(client.send("POST", "/rewards/" + reward + "/redeem", client.token("cust-hugo", "customer", null), null,
                Map.of()).status()).isEqualTo(404);
        assertThat(client.send("POST", "/rewards/" + reward + "/redeem", emma, null, Map.of()).status()).isEqualTo(200);
        assertThat(client.send("POST", "/rewards/" + reward + "/redeem", emma, null, Map.of()).status()).isEqualTo(409);
    }

    @Test
    void theStorefrontPromptServesVisitorsOnceAndTheOpsApiValidates() {
        var ops = client.token("ops-nadia", "ops", null);
        var invalid = client.send("POST", "/ops/questionnaires", ops, "{\"name\":\"\",\"questions\":[],"
                + "\"activeFrom\":\"2026-01-01T00:00:00Z\",\"targeting\":{\"triggers\":[],\"samplingRate\":2}}", Map.of());
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body().get("errors").toString()).contains("name", "questions", "targeting.triggers",
                "targeting.samplingRate");
        var created = client.send("POST", "/ops/questionnaires", ops, "{\"name\":\"Checkout\",\"questions\":[{\"id\":\"csat\","
                + "\"kind\":\"CSAT\",\"text\":{\"fr\":\"Paiement facile ?\",\"en\":\"Easy checkout?\"},\"required\":true}],"
                + "\"activeFrom\":\"2026-01-01T00:00:00Z\",\"targeting\":{\"triggers\":[\"PAGE_VIEW\"],"
                + "\"pages\":[\"/checkout/done\"],\"samplingRate\":1}}", Map.of());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/ops/questionnaires/" + created.body().get("id").asText());
        var visit = "{\"visitorId\":\"v-e2e-0001\",\"page\":\"/checkout/done\",\"language\":\"fr\"}";
        // a number a double cannot hold or that is no integer, text that is not what was sent, a key given twice: 400
        // naming the field; a JSON body not sent as JSON: 415. None records the visit: the prompt still shows after
        for (var visits : List.of("1e309", "-1e309", "1e-400", "1.5", "1e2", "99999999999999999999")) {
            var refused = client.send("POST", "/feedback/prompt", null, visit.replace("}", ",\"visits\":" + visits + "}"), Map.of());
            assertThat(refused.status()).as(visits).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.body().get("errors").get(0).get("field").asText()).as(visits).isEqualTo("visits");
        }
        assertThat(client.send("POST", "/feedback/prompt", null, visit.replace("done", "done\\u0000"), Map.of())
                .body().get("errors").get(0).get("field").asText()).isEqualTo("page");
        assertThat(client.send("POST", "/feedback/prompt", null, visit.replace("done", "done\\udc00"), Map.of())
                .body().get("errors").get(0).get("field").asText()).isEqualTo("page");
        assertThat(client.send("POST", "/feedback/prompt", null, visit.replace("{", "{\"visitorId\":\"v-e2e-other\","), Map.of())
                .body().get("errors").get(0).get("field").asText()).isEqualTo("visitorId");
        var notUtf8 = client.sendRaw("POST", "/feedback/prompt", null, latin1(visit.replace("/checkout/done", "/caf\u00e9")),
                "application/json");
        assertThat(notUtf8.status()).isEqualTo(400);
        assertThat(notUtf8.body().get("errors").get(0).get("field").asText()).isEqualTo("body");
        for (var type : java.util.Arrays.asList("text/plain", null)) {
            var wrongType = client.sendRaw("POST", "/feedback/prompt", null, visit.getBytes(StandardCharsets.UTF_8), type);
            assertThat(wrongType.status()).as(type).isEqualTo(415);
            assertThat(wrongType.contentType()).isEqualTo("application/problem+json");
            assertThat(wrongType.body().get("errors").get(0).get("field").asText()).isEqualTo("Content-Type");
        }
        var shown = client.send("POST", "/feedback/prompt", null, visit, Map.of());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body().get("show").asBoolean()).isTrue();
        assertThat(shown.body().get("questionnaire").get("questions").get(0).get("text").asText()).isEqualTo("Paiement facile ?");
        assertThat(client.send("POST", "/feedback/prompt", null, visit, Map.of()).body().get("show").asBoolean()).isFalse();
        var token = shown.body().get("token").asText();
        assertThat(client.send("POST", "/feedback/" + token, null, "{\"answers\":[{\"questionId\":\"csat\",\"score\":4}]}",
                Map.of()).status()).isEqualTo(201);
        assertThat(client.get("/feedback/" + token.substring(0, token.length() - 2) + "xx", null).status()).isEqualTo(404);
        assertThat(client.send("POST", "/customers/me/feedback/prompt", null, visit, Map.of()).status()).isEqualTo(401);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
