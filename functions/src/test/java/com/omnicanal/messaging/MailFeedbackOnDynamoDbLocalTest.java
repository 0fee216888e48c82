package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.omnicanal.customer.Consent;
import com.omnicanal.customer.Identity;
import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.api.MailFeedbackFunction;
import com.omnicanal.messaging.dynamo.DynamoUndeliverableAddresses;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.RecordingChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SES bounces and complaints, as SNS delivers them (the sample events of events/), through the mailFeedback function
 * over DynamoDB Local: a hard bounce makes the dispatcher fall back to the next channel, a complaint withdraws email
 * marketing consent with its source, and a notification delivered again changes nothing more.
 */
class MailFeedbackOnDynamoDbLocalTest {
    private static final String CAMILLE = "camille.martin@example.org";
    private static DynamoDbLocal dynamo;
    private MessagingFixture fx;
    private DynamoCustomers customers;
    private MailFeedbackFunction function;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void fresh() {
        fx = new MessagingFixture(dynamo.client());
        customers = new DynamoCustomers(fx.dynamo, fx.tables.customers(), fx.tables.outbox());
        function = new MailFeedbackFunction(new HandlingMailFeedback(customers,
                new DynamoUndeliverableAddresses(fx.dynamo, fx.tables.customers())));
        fx.customer("cust-camille", "fr", CAMILLE, "+33612345678", null, null);
        // Camille prefers email: SMS is her second channel
        fx.dynamo.updateItem(r -> r.tableName(fx.tables.customers())
                .key(Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey("cust-camille")), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET preferredChannels = :order").expressionAttributeValues(Map.of(":order",
                        AttributeValue.fromL(List.of(AttributeValue.fromS("EMAIL"), AttributeValue.fromS("SMS"))))));
        assertThat(customers.claim(new Identity(Identity.Kind.EMAIL, CAMILLE, "cust-camille", true, fx.clock.instant()), false)).isTrue();
    }

    private static SNSEvent sample(String file) throws Exception {
        var root = Json.MAPPER.readTree(Files.readString(Path.of("..", "events", file)));
        var sns = root.path("Records").get(0).path("Sns");
        return new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withEventSource("aws:sns")
                .withSns(new SNSEvent.SNS().withMessageId(sns.path("MessageId").asText()).withMessage(sns.path("Message").asText()))));
    }

    private String sendReminder(String key, List<Channel> channels) {
        var id = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, key).id();
        assertThat(fx.dispatcher(channels).dispatch(id)).isEqualTo(Dispatcher.Result.SENT);
        return fx.record(id).channel().name();
    }

    @Test
    void aHardBounceMakesTheDispatcherFallBackToSmsAndARedeliveryChangesNothing() throws Exception {
        var email = new RecordingChannel(ChannelKind.EMAIL);
        var sms = new RecordingChannel(ChannelKind.SMS);
        assertThat(sendReminder("before-bounce", List.of(email, sms))).isEqualTo("EMAIL");

        var handled = function.apply(sample("sns-ses-bounce.json"));
        assertThat(handled).isEqualTo(new MailFeedbackFunction.Handled(1, 1, 0, 0));
        assertThat(sendReminder("after-bounce", List.of(email, sms))).isEqualTo("SMS");
        assertThat(email.sent()).hasSize(1);
        assertThat(sms.sent()).hasSize(1);

        // SNS delivers at least once: the same bounce again leaves one mark and the same fallback
        assertThat(function.apply(sample("sns-ses-bounce.json"))).isEqualTo(handled);
        var marks = fx.dynamo.query(r -> r.tableName(fx.tables.customers()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.customerKey("cust-camille"))))).items()
                .stream().filter(i -> i.get("sk").s().startsWith("UNDELIVERABLE#")).toList();
        assertThat(marks).singleElement().satisfies(m -> {
            assertThat(m.get("address").s()).isEqualTo(CAMILLE);
            assertThat(m.get("reason").s()).isEqualTo("hard-bounce:General");
        });
        assertThat(sendReminder("after-redelivery", List.of(email, sms))).isEqualTo("SMS");
    }

    @Test
    void aHardBounceMarksTheBouncedMessageUndeliveredOnceSoTheKpisCountItsFailure() throws Exception {
        var email = new RecordingChannel(ChannelKind.EMAIL);
        var id = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "bounced").id();
        assertThat(fx.dispatcher(List.of(email)).dispatch(id)).isEqualTo(Dispatcher.Result.SENT);
        var sent = fx.record(id);
        var handling = new MailFeedbackFunction(new HandlingMailFeedback(customers,
                new DynamoUndeliverableAddresses(fx.dynamo, fx.tables.customers()), fx.log));
        // SES names the bounced mail by its Message-ID header, which the mail channel recorded as the provider id
        var bounce = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(
                sample("sns-ses-bounce.json").getRecords().get(0).getSNS().getMessage());
        ((com.fasterxml.jackson.databind.node.ObjectNode) bounce.path("mail")).putObject("commonHeaders")
                .put("messageId", sent.providerId());
        var event = new SNSEvent().withRecords(List.of(new SNSEvent.SNSRecord().withEventSource("aws:sns")
                .withSns(new SNSEvent.SNS().withMessageId("sns-1").withMessage(Json.write(bounce)))));

        handling.apply(event);
        var bounced = fx.record(id);
        assertThat(bounced.delivery()).isEqualTo(DeliveryStatus.UNDELIVERED);
        assertThat(MessageChanges.between(sent, bounced, Instant.parse(bounce.path("bounce").path("timestamp").asText())))
                .extracting(MessageFact::kind).containsExactly(MessageFact.Kind.FAILED);
        // delivered again: the record does not move, so its stream has nothing more to count
        handling.apply(event);
        assertThat(fx.record(id)).isEqualTo(bounced);
    }

    @Test
    void aSoftBounceChangesNothing() throws Exception {
        var soft = sample("sns-ses-bounce.json");
        var record = soft.getRecords().get(0).getSNS();
        record.setMessage(record.getMessage().replace("\"Permanent\"", "\"Transient\""));
        assertThat(function.apply(soft)).isEqualTo(new MailFeedbackFunction.Handled(1, 0, 0, 0));
        assertThat(sendReminder("soft", List.of(new RecordingChannel(ChannelKind.EMAIL), new RecordingChannel(ChannelKind.SMS))))
                .isEqualTo("EMAIL");
    }

    @Test
    void aNewAddressAfterABounceIsWrittenToAgain() throws Exception {
        function.apply(sample("sns-ses-bounce.json"));
        fx.dynamo.updateItem(r -> r.tableName(fx.tables.customers())
                .key(Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey("cust-camille")), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET email = :e").expressionAttributeValues(Map.of(":e", AttributeValue.fromS("camille@example.net"))));
        assertThat(sendReminder("new-address", List.of(new RecordingChannel(ChannelKind.EMAIL), new RecordingChannel(ChannelKind.SMS))))
                .isEqualTo("EMAIL");
    }

    @Test
    void aComplaintWithdrawsEmailMarketingConsentWithItsSourceOnceEvenWhenDeliveredAgain() throws Exception {
        customers.decide("cust-camille", new Consent("MARKETING", "EMAIL", true, "web", "v3", Instant.parse("2026-11-01T09:00:00Z")));
        customers.decide("cust-camille", new Consent("MARKETING", "SMS", true, "web", "v3", Instant.parse("2026-11-01T09:00:00Z")));

        assertThat(function.apply(sample("sns-ses-complaint.json"))).isEqualTo(new MailFeedbackFunction.Handled(1, 0, 1, 0));
        var email = marketing("EMAIL");
        assertThat(email.granted()).isFalse();
        assertThat(email.source()).isEqualTo("email-complaint:0107019a-complaint-feedback-1");
        assertThat(email.decidedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:02Z"));
        assertThat(marketing("SMS").granted()).as("only email marketing is withdrawn").isTrue();
        assertThat(fx.contacts.find("cust-camille").orElseThrow().consented().get(Purpose.MARKETING))
                .containsExactly(ChannelKind.SMS);

        // Camille opts in again later; the same complaint delivered once more does not undo her newer decision
        customers.decide("cust-camille", new Consent("MARKETING", "EMAIL", true, "web", "v4", Instant.parse("2026-11-24T09:00:00Z")));
        function.apply(sample("sns-ses-complaint.json"));
        assertThat(marketing("EMAIL").granted()).isTrue();
        assertThat(marketing("EMAIL").source()).isEqualTo("web");
    }

    @Test
    void anAddressOfNoCustomerIsCountedAndChangesNothing() throws Exception {
        var event = sample("sns-ses-complaint.json");
        var record = event.getRecords().get(0).getSNS();
        record.setMessage(record.getMessage().replace(CAMILLE, "someone.else@example.org"));
        assertThat(function.apply(event)).isEqualTo(new MailFeedbackFunction.Handled(1, 0, 0, 1));
        assertThat(customers.consents("cust-camille")).isEmpty();
    }

    @Test
    void twentyDeliveriesOfTheSameNotificationsAtOnceLeaveOneMarkAndOneWithdrawal() throws Exception {
        customers.decide("cust-camille", new Consent("MARKETING", "EMAIL", true, "web", "v3", Instant.parse("2026-11-01T09:00:00Z")));
        var bounce = sample("sns-ses-bounce.json");
        var complaint = sample("sns-ses-complaint.json");
        var runs = Race.of(20).run(i -> function.apply(i % 2 == 0 ? bounce : complaint));
        assertThat(runs.values()).allSatisfy(run -> assertThat(run.notifications()).isEqualTo(1));
        assertThat(partition().stream().filter(i -> i.get("sk").s().startsWith("UNDELIVERABLE#"))).hasSize(1);
        assertThat(customers.consents("cust-camille")).singleElement().satisfies(c -> {
            assertThat(c.granted()).isFalse();
            assertThat(c.source()).isEqualTo("email-complaint:0107019a-complaint-feedback-1");
        });
    }

    @Test
    void aBounceForACustomerErasedMeanwhileWritesNothingBack() throws Exception {
        customers.markErased("cust-camille", fx.clock.instant());
        assertThat(function.apply(sample("sns-ses-bounce.json")).notifications()).isEqualTo(1);
        assertThat(partition().stream().filter(i -> i.get("sk").s().startsWith("UNDELIVERABLE#"))).isEmpty();
    }

    private List<Map<String, AttributeValue>> partition() {
        return fx.dynamo.query(r -> r.tableName(fx.tables.customers()).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(CustomerKeys.customerKey("cust-camille"))))).items();
    }

    private Consent marketing(String channel) {
        return customers.consents("cust-camille").stream()
                .filter(c -> c.purpose().equals("MARKETING") && c.channel().equals(channel)).findFirst().orElseThrow();
    }
}
