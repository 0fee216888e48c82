package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reservation's confirmation travels outbox → stream → dispatcher → Twilio stand-in / SMTP sink → local inbox. */
class LocalMessagingEndToEndTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    private static String reserve(String token, String key) {
        var reply = client.send("POST", "/reservations", token,
                "{\"sku\":\"TSH-COT-BLU-M\",\"storeId\":\"paris-rivoli\",\"quantity\":1}", Map.of("Idempotency-Key", key));
        assertThat(reply.status()).isEqualTo(201);
        return reply.body().get("id").asText();
    }

    @Test
    void aReservationConfirmationReachesTheCustomerBySmsAndIsMarkedDelivered() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var id = reserve(camille, "msg-e2e-1");

        // messages name a reservation by its short reference: the id's last 6 characters
        var sms = client.awaitInbox(i -> i.get("text").asText().contains("Réf. " + id.substring(id.length() - 6)));
        assertThat(sms.get("channel").asText()).isEqualTo("SMS");
        assertThat(sms.get("to").asText()).isEqualTo("+33612345678");
        assertThat(sms.get("text").asText()).contains("Omnicanal Paris Rivoli");

        var deadline = Instant.now().plus(Duration.ofSeconds(10));
        String delivery = null;
        while (Instant.now().isBefore(deadline)) {
            var mine = client.get("/customers/me/messages", camille).body().get("items");
            for (var m : mine) {
                if (m.get("id").asText().endsWith(id) && m.has("delivery")) delivery = m.get("delivery").asText();
            }
            if ("DELIVERED".equals(delivery)) break;
            Thread.sleep(100);
        }
        assertThat(delivery).isEqualTo("DELIVERED");
        assertThat(client.get("/ops/messages?status=sent", camille).status()).isEqualTo(403);
        var ops = client.token("ops-1", "ops", null);
        assertThat(client.get("/ops/messages?status=sent", ops).body().get("items")).isNotEmpty();
        assertThat(client.get("/ops/messages?status=lost", ops).status()).isEqualTo(400);
    }

    @Test
    void theTwilioStandInAnswersTheMessagesListTheDispatcherAsksAfterALostAnswer() throws Exception {
        var camille = client.token("cust-camille", "customer", null);
        var id = reserve(camille, "msg-e2e-lookup");
        var reference = "Réf. " + id.substring(id.length() - 6);
        client.awaitInbox(i -> i.get("text").asText().contains(reference));
        var sms = stack.running().inbox().items().stream().filter(i -> i.text().contains(reference)).findFirst().orElseThrow();

        // the dispatcher's own look-up, through the real SDK, as after a send whose answer was lost
        var twilio = new com.omnicanal.messaging.twilio.TwilioChannel(com.omnicanal.outbox.ChannelKind.SMS,
                com.omnicanal.messaging.twilio.TwilioClients.create("AC00000000000000000000000000000000", "token",
                        stack.running().twilioBaseUrl()), "+33700000000", java.net.URI.create("http://127.0.0.1/status"));
        var since = Instant.now().minus(Duration.ofMinutes(1));
        assertThat(twilio.findSent(envelope(sms.to(), sms.text()), since)).contains(sms.id());
        assertThat(twilio.findSent(envelope(sms.to(), sms.text() + " autre"), since)).isEmpty();
        assertThat(twilio.findSent(envelope("+33612340001", sms.text()), since)).isEmpty();
        assertThat(twilio.findSent(envelope(sms.to(), sms.text()), Instant.now().plus(Duration.ofMinutes(1)))).isEmpty();
    }

    private static com.omnicanal.messaging.Envelope envelope(String to, String text) {
        return new com.omnicanal.messaging.Envelope("m-1", com.omnicanal.outbox.ChannelKind.SMS, to, null, text, null, false);
    }

    @Test
    void anEnglishSpeakingCustomerWhoPrefersEmailGetsARenderedEmail() throws Exception {
        var emma = client.token("cust-emma", "customer", null);
        var id = reserve(emma, "msg-e2e-2");
        var mail = client.awaitInbox(i -> i.get("channel").asText().equals("EMAIL")
                && i.get("text").asText().contains("Reservation number: " + id.substring(id.length() - 6)));
        assertThat(mail.get("to").asText()).isEqualTo("emma.wilson@example.com");
        assertThat(mail.get("subject").asText()).isEqualTo("Your reservation at Omnicanal Paris Rivoli is confirmed");
        assertThat(mail.get("html").asText()).contains("<strong>1 x T-shirt coton bio bleu</strong>");
        var page = client.send("GET", "/_local/inbox", null, null, Map.of()).raw();
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Your reservation at Omnicanal Paris Rivoli is confirmed");
    }

    @Test
    void stopByTextWithdrawsMarketingConsentAndIsConfirmed() {
        var reply = client.send("POST", "/_local/sms", null, "{\"from\":\"06 98 76 54 32\",\"body\":\"ARRET\"}", Map.of());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body().get("reply").asText()).contains("START");
        var contacts = com.omnicanal.Wiring.shared().messaging().contacts();
        var hugo = contacts.find("cust-hugo").orElseThrow();
        assertThat(hugo.channelsFor(com.omnicanal.outbox.OutboxMessage.Purpose.MARKETING))
                .doesNotContain(com.omnicanal.outbox.ChannelKind.SMS);
        assertThat(hugo.channelsFor(com.omnicanal.outbox.OutboxMessage.Purpose.TRANSACTIONAL))
                .contains(com.omnicanal.outbox.ChannelKind.SMS);
    }

    @Test
    void aCasualOuiFromACustomerWhoNeverOptedInToSmsMarketingGrantsNothing() {
        // Emma agreed to marketing and feedback by email only; her "oui" answers a transactional text
        var oui = client.send("POST", "/_local/sms", null,
                "{\"from\":\"07 45 67 89 01\",\"body\":\"Oui merci, à demain !\"}", Map.of());
        assertThat(oui.status()).isEqualTo(200);
        assertThat(oui.body().get("reply").asText()).isEmpty();
        var yes = client.send("POST", "/_local/sms", null, "{\"from\":\"07 45 67 89 01\",\"body\":\"YES\"}", Map.of());
        assertThat(yes.status()).isEqualTo(200);
        assertThat(yes.body().get("reply").asText()).contains("no text subscription to restore");
        var emma = com.omnicanal.Wiring.shared().messaging().contacts().find("cust-emma").orElseThrow();
        assertThat(emma.channelsFor(com.omnicanal.outbox.OutboxMessage.Purpose.MARKETING))
                .containsExactly(com.omnicanal.outbox.ChannelKind.EMAIL);
        assertThat(emma.channelsFor(com.omnicanal.outbox.OutboxMessage.Purpose.FEEDBACK))
                .containsExactly(com.omnicanal.outbox.ChannelKind.EMAIL);
    }

    @Test
    void aStopTwilioDeliversAgainAfterAStartChangesNothing() {
        var camille = "\"from\":\"06 12 34 56 78\"";
        var stop = client.send("POST", "/_local/sms", null,
                "{" + camille + ",\"body\":\"STOP\",\"messageSid\":\"SMe2e0000000000000000000000000stop\"}", Map.of());
        assertThat(stop.body().get("reply").asText()).contains("START");
        var start = client.send("POST", "/_local/sms", null,
                "{" + camille + ",\"body\":\"START\",\"messageSid\":\"SMe2e000000000000000000000000start\"}", Map.of());
        assertThat(start.body().get("reply").asText()).contains("de nouveau");

        var again = client.send("POST", "/_local/sms", null,
                "{" + camille + ",\"body\":\"STOP\",\"messageSid\":\"SMe2e0000000000000000000000000stop\"}", Map.of());

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("reply").asText()).isEmpty();
        var contacts = com.omnicanal.Wiring.shared().messaging().contacts();
        assertThat(contacts.find("cust-camille").orElseThrow().channelsFor(com.omnicanal.outbox.OutboxMessage.Purpose.MARKETING))
                .contains(com.omnicanal.outbox.ChannelKind.SMS);
    }
}
