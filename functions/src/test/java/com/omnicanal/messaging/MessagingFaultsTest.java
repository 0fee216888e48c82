package com.omnicanal.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.messaging.mail.MailChannel;
import com.omnicanal.messaging.twilio.TwilioChannel;
import com.omnicanal.messaging.twilio.TwilioClients;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import com.omnicanal.testing.TlsSmtpServer;
import com.omnicanal.testing.TwilioMessagesList;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twilio answering 500, 503, resetting connections and timing out, and the SMTP server down, under a batch of
 * messages redelivered the way the stream and the redrive do: every message ends sent exactly once, or not sent at
 * all and left for the dead-letter queue; none is lost without a trace.
 */
class MessagingFaultsTest {
    private static final String SID = "AC22222222222222222222222222222222";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";
    /** The stream's MaximumRetryAttempts in template.yaml is of this order; after it, the record goes to the DLQ. */
    private static final int DELIVERIES = 6;

    private static int freePort() throws Exception {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void twilioFaultsAndSmtpDownLoseNothingAndSendNothingTwice() throws Exception {
        var twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .extensions(new TwilioMessagesList()));
        twilio.start();
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)));
        int smtpPort = freePort();
        TlsSmtpServer smtp = null;
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var fx = new MessagingFixture(dynamo.client());
            // a cycle of faults: 500, 503, connection reset, then success; each call moves it on
            String[] states = {Scenario.STARTED, "s1", "s2", "s3"};
            twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(states[0])
                    .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"status\":500}")).willSetStateTo(states[1]));
            twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(states[1])
                    .willReturn(aResponse().withStatus(503).withBody("{\"code\":20503,\"status\":503}")).willSetStateTo(states[2]));
            twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(states[2])
                    .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo(states[3]));
            twilio.stubFor(post(urlEqualTo(MESSAGES)).inScenario("flaky").whenScenarioStateIs(states[3])
                    .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                            .withTransformers("response-template")
                            .withBody("{\"sid\":\"SM{{randomValue length=16 type='ALPHANUMERIC'}}\",\"status\":\"queued\"}"))
                    .willSetStateTo(states[0]));
            // one number Twilio never manages to serve: that message must end in the dead-letter path, unsent
            twilio.stubFor(post(urlEqualTo(MESSAGES)).atPriority(1).withRequestBody(containing("33699999999"))
                    .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"status\":500}")));
            var sms = new TwilioChannel(ChannelKind.SMS, TwilioClients.create(SID, "token", twilio.baseUrl()), "+33700000000",
                    URI.create("https://api.omnicanal.example/webhooks/twilio/status"));
            var mail = new MailChannel(new MailChannel.SmtpSettings("127.0.0.1", smtpPort, null, null, true,
                    "bonjour@omnicanal.example", "Omnicanal", "https://api.omnicanal.example/unsubscribe"),
                    TlsSmtpServer.identity(TlsSmtpServer.LOOPBACK_NAMES).clientTrust());
            var dispatcher = fx.dispatcher(List.of(sms, mail));

            var ids = new ArrayList<String>();
            for (int i = 0; i < 12; i++) {
                fx.customer("cust-sms-" + i, "fr", null, String.format("+336123450%02d", i), null, null);
                ids.add(fx.queue("RESERVATION_CONFIRMED", "cust-sms-" + i, Purpose.TRANSACTIONAL, Urgency.URGENT, "F-SMS-" + i).id());
            }
            for (int i = 0; i < 6; i++) {
                fx.customer("cust-mail-" + i, "fr", "mail" + i + "@example.org", null, null, null);
                ids.add(fx.queue("RESERVATION_CONFIRMED", "cust-mail-" + i, Purpose.TRANSACTIONAL, Urgency.URGENT, "F-MAIL-" + i).id());
            }
            fx.customer("cust-unlucky", "fr", null, "+33699999999", null, null);
            var unlucky = fx.queue("RESERVATION_CONFIRMED", "cust-unlucky", Purpose.TRANSACTIONAL, Urgency.URGENT, "F-DLQ").id();
            ids.add(unlucky);

            var results = new HashMap<String, List<Dispatcher.Result>>();
            for (int delivery = 1; delivery <= DELIVERIES; delivery++) {
                if (delivery == 3) { // the mail server comes back for the third delivery
                    smtp = TlsSmtpServer.start(smtpPort);
                }
                for (var id : ids) results.computeIfAbsent(id, k -> new ArrayList<>()).add(dispatcher.dispatch(id));
                fx.clock.advance(Duration.ofMinutes(5));
            }

            int sent = 0;
            for (var id : ids) {
                var record = fx.record(id);
                var sentAttempts = record.attempts().stream().filter(a -> a.status().equals("sent")).count();
                if (id.equals(unlucky)) {
                    assertThat(record.status()).as(id).isNotEqualTo(MessageRecord.Status.SENT);
                    assertThat(sentAttempts).isZero();
                    assertThat(results.get(id)).as("every delivery reported a failure for the stream to retry, then DLQ")
                            .allMatch(r -> r == Dispatcher.Result.RETRY);
                    continue;
                }
                assertThat(record.status()).as(id + " " + record.attempts()).isEqualTo(MessageRecord.Status.SENT);
                assertThat(sentAttempts).as(id).isEqualTo(1);
                sent++;
            }
            var posts = twilio.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST")).toList();
            long acceptedByTwilio = posts.stream().filter(e -> e.getResponse().getStatus() == 201).count();
            assertThat(acceptedByTwilio).as("Twilio accepted each SMS once").isEqualTo(12);
            assertThat(smtp.getReceivedMessages()).as("each email once").hasSize(6);
            long faults = posts.stream().filter(e -> e.getResponse().getStatus() != 201).count();
            System.out.printf("messaging faults: %d messages, %d sent exactly once, 1 left for the DLQ; %d Twilio faults "
                    + "served, SMTP down for 2 deliveries%n", ids.size(), sent, faults);
        } finally {
            twilio.stop();
            if (smtp != null) smtp.stop();
        }
    }

    @Test
    void aTimeoutAfterTwilioAcceptedGivesExactlyOneMessage() throws Exception {
        var list = new TwilioMessagesList();
        var twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(list));
        twilio.start();
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var fx = new MessagingFixture(dynamo.client());
            // Twilio takes the message but its answer comes after the client gave up; any later POST would be a second SMS
            twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201).withFixedDelay(3_000)
                    .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMLATE\",\"status\":\"queued\"}")));
            twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)));
            var sms = new TwilioChannel(ChannelKind.SMS, TwilioClients.create(SID, "token", twilio.baseUrl(),
                    Duration.ofMillis(500)), "+33700000000", URI.create("https://api.omnicanal.example/webhooks/twilio/status"));
            fx.customer("cust-slow", "fr", null, "+33612349999", null, null);
            var id = fx.queue("RESERVATION_CONFIRMED", "cust-slow", Purpose.TRANSACTIONAL, Urgency.URGENT, "F-SLOW").id();

            var result = fx.dispatcher(List.of(sms)).dispatch(id);

            assertThat(result).as("%s", fx.record(id).attempts()).isEqualTo(Dispatcher.Result.SENT);
            var record = fx.record(id);
            assertThat(record.status()).isEqualTo(MessageRecord.Status.SENT);
            assertThat(record.providerId()).isEqualTo("SMLATE");
            assertThat(record.attempts()).extracting(Attempt::status)
                    .containsExactly("handing-over", "unknown", "found-at-provider");
            assertThat(twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(MESSAGES))))
                    .as("one SMS").hasSize(1);
            assertThat(list.lookups()).singleElement().asString().contains("To=%2B33612349999").contains("From=%2B33700000000");
        } finally {
            twilio.stop();
        }
    }

    @Test
    void aDispatcherThatDiedAfterHandingOverIsFollowedByALookUpNotASecondSms() throws Exception {
        var list = new TwilioMessagesList();
        var twilio = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").extensions(list));
        twilio.start();
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var fx = new MessagingFixture(dynamo.client());
            twilio.stubFor(post(urlEqualTo(MESSAGES)).willReturn(aResponse().withStatus(201)
                    .withHeader("Content-Type", "application/json").withBody("{\"sid\":\"SMFIRST\",\"status\":\"queued\"}")));
            twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(200)));
            var client = TwilioClients.create(SID, "token", twilio.baseUrl());
            var callback = URI.create("https://api.omnicanal.example/webhooks/twilio/status");
            // the first dispatcher's function is killed once Twilio has the message, before it records anything
            var dying = new TwilioChannel(ChannelKind.SMS, client, "+33700000000", callback);
            fx.customer("cust-dies", "fr", null, "+33612348888", null, null);
            var id = fx.queue("RESERVATION_CONFIRMED", "cust-dies", Purpose.TRANSACTIONAL, Urgency.URGENT, "F-DIES").id();
            var killed = new RuntimeException("function timed out");
            var first = fx.dispatcher(List.of(new TraceableChannel() {
                @Override
                public ChannelKind kind() {
                    return ChannelKind.SMS;
                }

                @Override
                public SendOutcome send(Envelope envelope) {
                    dying.send(envelope);
                    throw killed;
                }

                @Override
                public java.util.Optional<String> findSent(Envelope envelope, java.time.Instant since) {
                    return dying.findSent(envelope, since);
                }
            }));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> first.dispatch(id)).isSameAs(killed);

            // the lease runs out, the redrive puts it back, the stream hands it to a fresh dispatcher
            fx.clock.advance(Duration.ofMinutes(5));
            fx.log.redriveDue(fx.clock.instant(), 10);
            var result = fx.dispatcher(List.of(new TwilioChannel(ChannelKind.SMS, client, "+33700000000", callback))).dispatch(id);

            assertThat(result).isEqualTo(Dispatcher.Result.SENT);
            assertThat(fx.record(id).providerId()).isEqualTo("SMFIRST");
            assertThat(twilio.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(MESSAGES))))
                    .as("one SMS").hasSize(1);
        } finally {
            twilio.stop();
        }
    }
}
