package com.omnicanal.feedback;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.feedback.dynamo.DynamoFeedbackStore;
import com.omnicanal.feedback.jwt.JwtInvitationTokens;
import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Feedback over DynamoDB Local, with customers, their consents, and the outbox read back as messages. */
final class FeedbackFixture {
    static final String SECRET = "feedback-test-secret-0123456789abcdef-xyz";
    final TestBackend backend;
    final DynamoFeedbackStore store;
    final DynamoContactBook contacts;
    final JwtInvitationTokens tokens = new JwtInvitationTokens(SECRET);
    final ManagingQuestionnaires managingQuestionnaires;
    final ReadingResults readingResults;
    final SchedulingQuestionnaires schedulingQuestionnaires;
    final RecordingVisits recordingVisits;
    final SendingInvitations sendingInvitations;
    final PromptingVisitors promptingVisitors;
    final AnsweringQuestionnaires answeringQuestionnaires;
    final RedeemingRewards redeemingRewards;

    final DynamoDeliveryLog log;

    FeedbackFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        store = new DynamoFeedbackStore(dynamo, backend.tables);
        contacts = new DynamoContactBook(dynamo, backend.tables.customers());
        var journeys = FeedbackJourneys.of(backend.catalog, store, tokens, contacts,
                new FeedbackPolicy(Duration.ofDays(30), Duration.ofDays(14), "https://shop.example/avis/", 100),
                backend.clock);
        managingQuestionnaires = journeys.managingQuestionnaires();
        readingResults = journeys.readingResults();
        schedulingQuestionnaires = journeys.schedulingQuestionnaires();
        recordingVisits = journeys.recordingVisits();
        sendingInvitations = journeys.sendingInvitations();
        promptingVisitors = journeys.promptingVisitors();
        answeringQuestionnaires = journeys.answeringQuestionnaires();
        redeemingRewards = journeys.redeemingRewards();
        log = new DynamoDeliveryLog(dynamo, backend.tables.outbox());
    }

    /**
     * The dispatcher over the outbox, telling feedback what it sent: every channel takes every address but those with
     * "bounce" in them.
     */
    Dispatcher dispatcher() {
        var channels = java.util.Arrays.stream(ChannelKind.values()).<Channel>map(kind -> new Channel() {
            @Override
            public ChannelKind kind() {
                return kind;
            }

            @Override
            public SendOutcome send(Envelope envelope) {
                return envelope.to().contains("bounce") ? new SendOutcome.Permanent("550", "no such mailbox")
                        : new SendOutcome.Sent(kind + "-" + envelope.messageId());
            }
        }).toList();
        return new Dispatcher(log, contacts, new MustacheTemplates(), channels, Dispatcher.Policy.DEFAULT,
                backend.clock, pause -> { }, sendingInvitations);
    }

    /** Quiet hours on the customer's profile, in Paris. */
    void quietHours(String id, String start, String end) {
        backend.dynamo.updateItem(r -> r.tableName(backend.tables.customers())
                .key(Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey(id)), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET quietStart = :s, quietEnd = :e, #zone = :z")
                .expressionAttributeNames(Map.of("#zone", "timeZone"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(start), ":e", AttributeValue.fromS(end),
                        ":z", AttributeValue.fromS("Europe/Paris"))));
    }

    /** The ids of the invitation messages in the outbox, oldest first. */
    List<String> invitationIds() {
        return outbox(SendingInvitations.INVITATION).stream().map(i -> i.get("id").s()).toList();
    }

    /** A customer with an email, a language, and feedback consent on the given channels. */
    void customer(String id, String language, ChannelKind... feedbackChannels) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", AttributeValue.fromS(CustomerKeys.customerKey(id)));
        item.put("sk", AttributeValue.fromS("PROFILE"));
        item.put("language", AttributeValue.fromS(language));
        item.put("email", AttributeValue.fromS(id + "@example.fr"));
        backend.dynamo.putItem(r -> r.tableName(backend.tables.customers()).item(item));
        for (var channel : feedbackChannels) {
            contacts.decide(id, OutboxMessage.Purpose.FEEDBACK, channel, true, "web", backend.clock.instant());
        }
    }

    /** Gives the customer this phone number, as a verified identity. */
    void phone(String id, String e164) {
        backend.dynamo.putItem(r -> r.tableName(backend.tables.customers()).item(Map.of(
                "pk", AttributeValue.fromS(CustomerKeys.phoneKey(e164)), "sk", AttributeValue.fromS("IDENTITY"),
                "customerId", AttributeValue.fromS(id))));
        backend.dynamo.updateItem(r -> r.tableName(backend.tables.customers())
                .key(Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey(id)), "sk", AttributeValue.fromS("PROFILE")))
                .updateExpression("SET phone = :p").expressionAttributeValues(Map.of(":p", AttributeValue.fromS(e164))));
    }

    /** The outbox messages of one kind, oldest first. */
    List<Map<String, AttributeValue>> outbox(String kind) {
        return backend.dynamo.scan(r -> r.tableName(backend.tables.outbox())).items().stream()
                .filter(i -> i.containsKey("kind") && i.get("kind").s().equals(kind))
                .sorted(java.util.Comparator.comparing(i -> i.get("createdAt").s())).toList();
    }

    /** The token in the link of the last invitation sent. */
    String lastToken() {
        var messages = outbox(SendingInvitations.INVITATION);
        var link = messages.get(messages.size() - 1).get("templateData").m().get("link").s();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    static Questionnaire pickup(Set<Questionnaire.Trigger> triggers, Questionnaire.Reward reward) {
        var fr = "fr";
        return new Questionnaire(null, "Retrait en magasin", 0, List.of(
                new Questionnaire.Question("nps", Questionnaire.Kind.NPS,
                        Map.of(fr, "Recommanderiez-vous le retrait en magasin ?", "en", "Would you recommend pickup?"),
                        List.of(), true, null),
                new Questionnaire.Question("why", Questionnaire.Kind.SINGLE,
                        Map.of(fr, "Pourquoi ?", "en", "Why?"),
                        List.of(new Questionnaire.Option("wait", Map.of(fr, "L'attente", "en", "The wait")),
                                new Questionnaire.Option("staff", Map.of(fr, "L'accueil", "en", "The welcome"))),
                        true, new Questionnaire.ShowIf("nps", 0, 6, null)),
                new Questionnaire.Question("csat", Questionnaire.Kind.CSAT, Map.of(fr, "Satisfait ?", "en", "Satisfied?"),
                        List.of(), false, null),
                new Questionnaire.Question("comment", Questionnaire.Kind.TEXT, Map.of(fr, "Un mot ?", "en", "A word?"),
                        List.of(), false, null)),
                Instant.parse("2026-01-01T00:00:00Z"), null,
                new Questionnaire.Targeting(triggers, null, null, null, null, null, null, null, null, 1.0, 120),
                reward, null);
    }
}
