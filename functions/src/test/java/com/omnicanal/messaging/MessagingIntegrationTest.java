package com.omnicanal.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.omnicanal.messaging.api.OutboxDispatcher;
import com.omnicanal.messaging.mail.MailChannel;
import com.omnicanal.messaging.twilio.TwilioChannel;
import com.omnicanal.messaging.twilio.TwilioClients;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TlsSmtpServer;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher with the real Twilio SDK against WireMock, real SMTP with STARTTLS required (as toward SES) against
 * {@link TlsSmtpServer}, on DynamoDB Local.
 */
class MessagingIntegrationTest {
    private static final String SID = "AC11111111111111111111111111111111";
    private static final String TOKEN = "test-auth-token";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamoLocal = new DynamoDbLocalPerClass();
    private WireMockServer twilio;
    private TlsSmtpServer smtp;
    private MessagingFixture fx;

    @BeforeEach
    void start() {
        twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        twilio.start();
        smtp = TlsSmtpServer.start(0);
        fx = new MessagingFixture(dynamoLocal.client());
        fx.customer("cust-camille", "fr", "camille.martin@example.fr", "+33612345678", null, null);
    }

    @AfterEach
    void stop() {
        twilio.stop();
        smtp.stop();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private TwilioChannel sms() {
        return new TwilioChannel(ChannelKind.SMS, TwilioClients.create(SID, TOKEN, twilio.baseUrl()), "+33700000000",
                URI.create("https://api.omnicanal.example/webhooks/twilio/status"));
    }

    private MailChannel mail(int port) {
        return new MailChannel(new MailChannel.SmtpSettings("127.0.0.1", port, null, null, true,
                "bonjour@omnicanal.example", "Omnicanal", "https://api.omnicanal.example/unsubscribe"),
                TlsSmtpServer.identity(TlsSmtpServer.LOOPBACK_NAMES).clientTrust());
    }

    private static String twilioCreated(String sid) {
        return "{\"sid\":\"" + sid + "\",\"status\":\"queued\",\"account_sid\":\"" + SID + "\"}";
    }

    private static String twilioError(int code, int status) {
        return "{\"code\":" + code + ",\"message\":\"error " + code + "\",\"more_info\":\"https://www.twilio.com/docs/errors/"
                + code + "\",\"status\":" + status + "}";
    }

    @Test
    void smsGoesThroughTwilioWithTheRightFormFieldsAndAuth() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioCreated("SM1"))));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#1");

        assertThat(fx.dispatcher(List.of(sms(), mail(smtp.port()))).dispatch(m.id()))
                .isEqualTo(Dispatcher.Result.SENT);

        var basic = "Basic " + Base64.getEncoder().encodeToString((SID + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(containing("To=%2B33612345678"))
                .withRequestBody(containing("From=%2B33700000000"))
                .withRequestBody(containing("StatusCallback=https%3A%2F%2Fapi.omnicanal.example%2Fwebhooks%2Ftwilio%2Fstatus"))
                .withRequestBody(containing("Body=Omnicanal")));
        var record = fx.record(m.id());
        assertThat(record.status()).isEqualTo(MessageRecord.Status.SENT);
        assertThat(record.channel()).isEqualTo(ChannelKind.SMS);
        assertThat(record.providerId()).isEqualTo("SM1");
        // the hand-over is written before Twilio is called: a lost answer is then looked up, not sent again
        assertThat(record.attempts()).extracting(Attempt::status).containsExactly("handing-over", "sent");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void emailIsARealMultipartMessageWithUnsubscribeOnMarketingOnly() throws Exception {
        fx.customer("cust-emma", "en", "emma.wilson@example.com", null, null, null);
        fx.contacts.decide("cust-emma", Purpose.MARKETING, ChannelKind.EMAIL, true, "web", fx.clock.instant());
        var dispatcher = fx.dispatcher(List.of(sms(), mail(smtp.port())));
        var transactional = fx.queue("RESERVATION_CONFIRMED", "cust-emma", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#2");
        var marketing = fx.queue("RESERVATION_EXPIRED", "cust-emma", Purpose.MARKETING, Urgency.NORMAL, "MK#1");

        assertThat(dispatcher.dispatch(transactional.id())).isEqualTo(Dispatcher.Result.SENT);
        assertThat(dispatcher.dispatch(marketing.id())).isEqualTo(Dispatcher.Result.SENT);

        var received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2);
        var first = received[0];
        assertThat(first.getSubject()).isEqualTo("Your reservation at Omnicanal Paris Rivoli is confirmed");
        assertThat(first.getAllRecipients()[0].toString()).isEqualTo("emma.wilson@example.com");
        assertThat(first.getFrom()[0].toString()).contains("bonjour@omnicanal.example");
        assertThat(first.getContentType()).startsWith("multipart/alternative");
        var parts = (MimeMultipart) first.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat((String) parts.getBodyPart(1).getContent()).contains("<strong>1 x T-shirt coton bio bleu</strong>");
        assertThat(first.getHeader("List-Unsubscribe")).isNull();
        assertThat(received[1].getHeader("List-Unsubscribe")[0]).startsWith("<https://api.omnicanal.example/unsubscribe?m=");
        assertThat(received[1].getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void twilioTooManyRequestsThenSuccessSendsExactlyOneMessage() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody(twilioError(20429, 429))).willSetStateTo("calm"));
        twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(twilioCreated("SM2"))));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#3");

        assertThat(fx.dispatcher(List.of(sms(), mail(smtp.port()))).dispatch(m.id()))
                .isEqualTo(Dispatcher.Result.SENT);

        var accepted = twilio.getAllServeEvents().stream().filter(e -> e.getResponse().getStatus() == 201).count();
        assertThat(accepted).isEqualTo(1);
        assertThat(fx.record(m.id()).providerId()).isEqualTo("SM2");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anInvalidNumberFallsBackToEmail() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody(twilioError(21211, 400))));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#4");

        assertThat(fx.dispatcher(List.of(sms(), mail(smtp.port()))).dispatch(m.id()))
                .isEqualTo(Dispatcher.Result.SENT);

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(smtp.getReceivedMessages()).hasSize(1);
        var record = fx.record(m.id());
        assertThat(record.channel()).isEqualTo(ChannelKind.EMAIL);
        assertThat(record.attempts()).extracting(Attempt::channel, Attempt::status, Attempt::errorCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChannelKind.SMS, "handing-over", null),
                        org.assertj.core.groups.Tuple.tuple(ChannelKind.SMS, "failed-permanently", "21211"),
                        org.assertj.core.groups.Tuple.tuple(ChannelKind.EMAIL, "sent", null));
    }

    @Test
    void smtpDownThenUpDeliversOnce() {
        fx.customer("cust-mailonly", "fr", "mail.only@example.fr", null, null, null);
        int port = freePort();
        var dispatcher = fx.dispatcher(List.of(sms(), mail(port)));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-mailonly", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#5");

        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.RETRY);
        assertThat(fx.record(m.id()).status()).isEqualTo(MessageRecord.Status.RETRY);

        var later = TlsSmtpServer.start(port);
        try {
            assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SENT);
            assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SKIPPED);
            assertThat(later.getReceivedMessages()).hasSize(1);
            assertThat(fx.record(m.id()).attempts()).filteredOn(a -> a.status().equals("failed-transiently")).hasSize(3);
        } finally {
            later.stop();
        }
    }

    @Test
    void aProfileWithoutVerifiedAddressesIsToldAtTheOrderContactForTransactionalMessagesOnly() throws Exception {
        fx.customer("guest-7f3a", "fr", null, null, null, null);
        var dispatcher = fx.dispatcher(List.of(sms(), mail(smtp.port())));
        var order = fx.queue("RESERVATION_CONFIRMED", "guest-7f3a",
                Delivery.transactional().guestContact("guest@example.org", null), "RC#G1", Map.of());
        var promo = fx.queue("RESERVATION_CONFIRMED", "guest-7f3a", new Delivery(Purpose.MARKETING, Urgency.NORMAL,
                EnumSet.allOf(ChannelKind.class), null).guestContact("guest@example.org", null), "RC#G2", Map.of());

        assertThat(dispatcher.dispatch(order.id())).isEqualTo(Dispatcher.Result.SENT);
        // no marketing consent: withheld, not failed
        assertThat(dispatcher.dispatch(promo.id())).isEqualTo(Dispatcher.Result.WITHHELD);

        assertThat(smtp.getReceivedMessages()).hasSize(1);
        assertThat(smtp.getReceivedMessages()[0].getAllRecipients()[0].toString()).isEqualTo("guest@example.org");
    }

    @Test
    void messagesQueuedBeforeTheTypedDeliveryAreStillDeliveredAsTheirKeysSaid() throws Exception {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioCreated("SM-legacy"))));
        var dispatcher = fx.dispatcher(List.of(sms(), mail(smtp.port())));
        // as the outbox wrote them before: delivery instructions among the template data
        var guest = legacy("RC#L1", "guest-legacy", Map.of("contactEmail", "guest@example.org"));
        var verification = legacy("RC#L2", "cust-camille", Map.of("verifyPhone", "+33745112233", "language", "en"));
        var emailOnly = legacy("RC#L3", "cust-camille", Map.of("onlyChannels", "EMAIL"));

        assertThat(dispatcher.dispatch(guest)).isEqualTo(Dispatcher.Result.SENT);
        assertThat(dispatcher.dispatch(verification)).isEqualTo(Dispatcher.Result.SENT);
        assertThat(dispatcher.dispatch(emailOnly)).isEqualTo(Dispatcher.Result.SENT);

        // the guest at their order contact; the code to the number being verified, not to Camille's; the other by email
        assertThat(fx.record(guest).channel()).isEqualTo(ChannelKind.EMAIL);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withRequestBody(containing("To=%2B33745112233")));
        assertThat(fx.record(emailOnly).channel()).isEqualTo(ChannelKind.EMAIL);
        assertThat(smtp.getReceivedMessages()).extracting(m -> m.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("guest@example.org", "camille.martin@example.fr");
        // read back, the keys are delivery, not template data
        assertThat(fx.record(verification).message().delivery().contact().exclusive()).isTrue();
        assertThat(fx.record(verification).message().templateData()).doesNotContainKeys("verifyPhone", "language");
    }

    /** An outbox item as OutboxItems wrote it before the typed delivery; its id. */
    private String legacy(String id, String customerId, Map<String, String> keys) {
        var data = new java.util.HashMap<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>();
        Map.of("reservationId", "R1", "reservationRef", "7RMWT4", "sku", "TSH-COT-BLU-M", "productName",
                        "T-shirt coton bio bleu", "quantity", "1", "storeName", "Omnicanal Paris Rivoli", "storeAddress",
                        "112 rue de Rivoli, 75001 Paris", "expiresDate", "25/11/2026", "expiresTime", "10:00")
                .forEach((k, v) -> data.put(k, text(v)));
        keys.forEach((k, v) -> data.put(k, text(v)));
        fx.dynamo.putItem(r -> r.tableName(fx.tables.outbox()).item(Map.of("id", text(id),
                "kind", text("RESERVATION_CONFIRMED"), "customerId", text(customerId), "purpose", text("TRANSACTIONAL"),
                "urgency", text("URGENT"), "dedupeKey", text(id),
                "templateData", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM(data),
                "status", text("PENDING"), "createdAt", text("2026-11-23T09:59:00.000Z"))));
        return id;
    }

    private static software.amazon.awssdk.services.dynamodb.model.AttributeValue text(String value) {
        return software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(value);
    }

    @Test
    void theSameStreamRecordTwiceSendsOnce() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioCreated("SM3"))));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#6");
        var function = new OutboxDispatcher(fx.dispatcher(List.of(sms(), mail(smtp.port()))));
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withSequenceNumber("100")
                .withKeys(Map.of("id", new AttributeValue(m.id())))
                .withNewImage(Map.of("id", new AttributeValue(m.id()), "kind", new AttributeValue(m.kind()),
                        "status", new AttributeValue("PENDING"))));
        var event = new DynamodbEvent();
        event.setRecords(List.of(record, record));

        assertThat(function.apply(event).getBatchItemFailures()).isEmpty();
        assertThat(function.apply(event).getBatchItemFailures()).isEmpty();

        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void afterStopTheNextMarketingSmsIsNotSentButATransactionalOneIs() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioCreated("SM4"))));
        fx.contacts.decide("cust-camille", Purpose.MARKETING, ChannelKind.SMS, true, "store", fx.clock.instant());
        fx.clock.advance(java.time.Duration.ofSeconds(1));
        var reply = fx.keywords().handle("SM-stop-1", "06 12 34 56 78", "Stop");
        assertThat(reply).contains("START");
        var dispatcher = fx.dispatcher(List.of(sms()));

        var marketing = fx.queue("RESERVATION_EXPIRED", "cust-camille", Purpose.MARKETING, Urgency.URGENT, "MK#2");
        var transactional = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#7");

        assertThat(dispatcher.dispatch(marketing.id())).isEqualTo(Dispatcher.Result.WITHHELD);
        assertThat(fx.record(marketing.id()).status()).isEqualTo(MessageRecord.Status.WITHHELD);
        assertThat(fx.record(marketing.id()).reason()).isEqualTo("no-consented-channel");
        assertThat(dispatcher.dispatch(transactional.id())).isEqualTo(Dispatcher.Result.SENT);
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void marketingInQuietHoursIsDeferredThenRedrivenNotDropped() {
        fx.customer("cust-night", "fr", "night@example.fr", null, "21:00", "08:00");
        fx.contacts.decide("cust-night", Purpose.MARKETING, ChannelKind.EMAIL, true, "web", fx.clock.instant());
        fx.clock.advance(java.time.Duration.ofHours(12)); // 22:00 UTC = 23:00 in Paris
        var dispatcher = fx.dispatcher(List.of(mail(smtp.port())));
        var m = fx.queue("RESERVATION_EXPIRED", "cust-night", Purpose.MARKETING, Urgency.NORMAL, "MK#3");

        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.DEFERRED);
        assertThat(fx.record(m.id()).notBefore()).isEqualTo(java.time.Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(fx.log.redriveDue(fx.clock.instant(), 10)).isZero();
        fx.clock.advance(java.time.Duration.ofHours(9));
        assertThat(fx.log.redriveDue(fx.clock.instant(), 10)).isEqualTo(1);
        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void anEmptyQuietWindowStoredOnAProfileDefersNothing() {
        fx.customer("cust-empty", "fr", "empty@example.fr", null, "22:00", "22:00");
        fx.contacts.decide("cust-empty", Purpose.MARKETING, ChannelKind.EMAIL, true, "web", fx.clock.instant());
        fx.clock.advance(java.time.Duration.ofHours(12)); // 22:00 UTC = 23:00 in Paris, and 21:00 UTC would be 22:00
        var dispatcher = fx.dispatcher(List.of(mail(smtp.port())));
        var late = fx.queue("RESERVATION_EXPIRED", "cust-empty", Purpose.MARKETING, Urgency.NORMAL, "MK#E1");
        assertThat(dispatcher.dispatch(late.id())).isEqualTo(Dispatcher.Result.SENT);
        fx.clock.advance(java.time.Duration.ofHours(23)); // 21:00 UTC the next day: 22:00 in Paris, the window's edge
        var edge = fx.queue("RESERVATION_EXPIRED", "cust-empty", Purpose.MARKETING, Urgency.NORMAL, "MK#E2");
        assertThat(dispatcher.dispatch(edge.id())).isEqualTo(Dispatcher.Result.SENT);
        assertThat(fx.record(edge.id()).status()).isEqualTo(MessageRecord.Status.SENT);
        assertThat(smtp.getReceivedMessages()).hasSize(2);
    }

    @Test
    void whoCountsSentMessagesIsToldOfEachOnceTakenAndAgainWhenTellingFailed() {
        var told = new java.util.ArrayList<String>();
        var failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        SentMessages counting = (message, at) -> {
            if (failOnce.getAndSet(false)) throw new IllegalStateException("feedback table throttled");
            told.add(message.id() + "@" + at);
        };
        var dispatcher = fx.dispatcher(List.of(mail(smtp.port())), counting);
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#told");
        var outbox = new OutboxDispatcher(dispatcher);

        // telling failed: the record is reported as a batch item failure, so Lambda hands it over again
        assertThat(outbox.apply(insert(m)).getBatchItemFailures()).hasSize(1);
        assertThat(fx.record(m.id()).status()).isEqualTo(MessageRecord.Status.SENT);
        assertThat(outbox.apply(insert(m)).getBatchItemFailures()).isEmpty();
        assertThat(told).containsExactly(m.id() + "@" + fx.record(m.id()).updatedAt());
        assertThat(smtp.getReceivedMessages()).hasSize(1);

        // nothing is told of a message that waits for quiet hours
        fx.customer("cust-night", "fr", "night@example.fr", null, "21:00", "08:00");
        fx.contacts.decide("cust-night", Purpose.MARKETING, ChannelKind.EMAIL, true, "web", fx.clock.instant());
        fx.clock.advance(java.time.Duration.ofHours(12));
        var night = fx.queue("RESERVATION_EXPIRED", "cust-night", Purpose.MARKETING, Urgency.NORMAL, "MK#told");
        assertThat(dispatcher.dispatch(night.id())).isEqualTo(Dispatcher.Result.DEFERRED);
        assertThat(told).hasSize(1);
    }

    /** The stream's record of a new outbox message. */
    private static DynamodbEvent insert(com.omnicanal.outbox.OutboxMessage m) {
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withSequenceNumber("200")
                .withKeys(Map.of("id", new AttributeValue(m.id())))
                .withNewImage(Map.of("id", new AttributeValue(m.id()), "kind", new AttributeValue(m.kind()),
                        "status", new AttributeValue("PENDING"))));
        var event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }

    @Test
    void aPhoneNumberThatIsNotOneGoesStraightToEmailWithoutCallingTwilio() {
        fx.customer("cust-typo", "fr", "typo@example.fr", "06 12", null, null);
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-typo", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#9");

        assertThat(fx.dispatcher(List.of(sms(), mail(smtp.port()))).dispatch(m.id()))
                .isEqualTo(Dispatcher.Result.SENT);

        twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(fx.record(m.id()).channel()).isEqualTo(ChannelKind.EMAIL);
        assertThat(fx.record(m.id()).attempts().get(0).errorCode()).isEqualTo("invalid-address");
    }

    @Test
    void aMessageItsProducerLeftIncompleteFailsOnEveryChannelAndIsNeverSentWithAHole() {
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#10",
                Map.of("expiresDate", ""));

        assertThat(fx.dispatcher(List.of(sms(), mail(smtp.port()))).dispatch(m.id()))
                .isEqualTo(Dispatcher.Result.FAILED);

        twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(smtp.getReceivedMessages()).isEmpty();
        var record = fx.record(m.id());
        assertThat(record.status()).isEqualTo(MessageRecord.Status.FAILED);
        assertThat(record.attempts()).extracting(Attempt::status, Attempt::errorCode).containsOnly(
                org.assertj.core.groups.Tuple.tuple("failed-permanently", "template-error"));
    }

    @Test
    void deliveryCallbacksNeverMoveAMessageBackwards() {
        twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody(twilioCreated("SM5"))));
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#8");
        fx.dispatcher(List.of(sms())).dispatch(m.id());

        assertThat(fx.log.updateDelivery("SM5", DeliveryStatus.DELIVERED, null, fx.clock.instant())).isTrue();
        assertThat(fx.log.updateDelivery("SM5", DeliveryStatus.SENT, null, fx.clock.instant())).isFalse();
        assertThat(fx.log.updateDelivery("SM-unknown", DeliveryStatus.SENT, null, fx.clock.instant())).isFalse();
        assertThat(fx.record(m.id()).delivery()).isEqualTo(DeliveryStatus.DELIVERED);
    }
}
