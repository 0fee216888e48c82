package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.dynamo.DynamoSmsOptOuts;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** STOP and START texted by customers, through SmsKeywords and the DynamoDB adapter, on DynamoDB Local. */
class SmsConsentsOnDynamoDbLocalTest {
    private static final String PHONE = "06 12 34 56 78";
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamoLocal = new DynamoDbLocalPerClass();
    private MessagingFixture fx;
    private SmsKeywords keywords;

    @BeforeEach
    void customer() {
        fx = new MessagingFixture(dynamoLocal.client());
        fx.customer("cust-camille", "fr", "camille.martin@example.fr", "+33612345678", null, null);
        keywords = fx.keywords();
    }

    private String text(String sid, String body) {
        fx.clock.advance(Duration.ofSeconds(1));
        return keywords.handle(sid, PHONE, body);
    }

    private void grant(Purpose purpose, ChannelKind channel) {
        fx.contacts.decide("cust-camille", purpose, channel, true, "web", fx.clock.instant());
    }

    private List<ChannelKind> channels(Purpose purpose) {
        return fx.contacts.find("cust-camille").orElseThrow().channelsFor(purpose);
    }

    @Test
    void aStopTextWritesOneEventForTheKpisEvenWhenTwilioDeliversItAgainOrTheNumberIsUnknown() {
        text("SM10", "STOP");
        text("SM10", "STOP");
        text("SM11", "START");
        fx.clock.advance(Duration.ofSeconds(1));
        keywords.handle("SM12", "+33698000000", "STOP");
        var events = fx.dynamo.scanPaginator(r -> r.tableName(fx.tables.outbox()).consistentRead(true)).items().stream()
                .filter(com.omnicanal.outbox.dynamo.OutboxItems::isEvent).map(com.omnicanal.outbox.dynamo.OutboxItems::event)
                .toList();
        assertThat(events).extracting(com.omnicanal.shared.BusinessEvent::subjectId).containsExactlyInAnyOrder("SM10", "SM12");
        assertThat(events).allSatisfy(e -> {
            assertThat(e).isInstanceOf(com.omnicanal.shared.BusinessEvent.SmsStopped.class);
            assertThat(e.customerId()).isNull();
        });
    }

    @Test
    void aCustomerWhoNeverOptedInGainsNoConsentByTextingStartYesOrACasualOui() {
        grant(Purpose.MARKETING, ChannelKind.EMAIL);

        text("SM01", "Oui merci, à demain !");
        text("SM02", "oui");
        text("SM03", "YES");
        text("SM04", "START");
        text("SM05", "unstop");

        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.EMAIL);
        assertThat(channels(Purpose.FEEDBACK)).isEmpty();
        assertThat(channels(Purpose.TRANSACTIONAL)).contains(ChannelKind.SMS);
    }

    @Test
    void aStartAnswersThatThereWasNothingToRestoreWhenNoStopWithdrewAnything() {
        assertThat(text("SM01", "Oui merci, à demain !")).isNull();
        assertThat(text("SM02", "Yes")).contains("aucun abonnement SMS").doesNotContain("de nouveau abonné");
    }

    @Test
    void stopThenStartRestoresExactlyWhatTheStopWithdrew() {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        grant(Purpose.MARKETING, ChannelKind.EMAIL);
        fx.contacts.decide("cust-camille", Purpose.FEEDBACK, ChannelKind.SMS, false, "web", fx.clock.instant());

        assertThat(text("SM01", "STOP")).contains("START");
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.EMAIL);
        assertThat(channels(Purpose.FEEDBACK)).isEmpty();
        assertThat(channels(Purpose.TRANSACTIONAL)).contains(ChannelKind.SMS);

        assertThat(text("SM02", "start")).contains("de nouveau abonné");
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS, ChannelKind.EMAIL);
        assertThat(channels(Purpose.FEEDBACK)).isEmpty();
    }

    @Test
    void aSecondStopKeepsWhatTheFirstWithdrewSoStartStillRestoresIt() {
        grant(Purpose.FEEDBACK, ChannelKind.SMS);
        text("SM01", "STOP");
        text("SM02", "Arrêt");
        text("SM03", "YES");
        assertThat(channels(Purpose.FEEDBACK)).containsExactly(ChannelKind.SMS);
        assertThat(channels(Purpose.MARKETING)).isEmpty();
    }

    @Test
    void startDoesNotUndoAWithdrawalMadeElsewhereAfterTheStop() {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        text("SM01", "STOP");
        fx.clock.advance(Duration.ofSeconds(1));
        // the customer then also unticks SMS offers in their account: that decision is theirs, not the STOP's
        fx.contacts.decide("cust-camille", Purpose.MARKETING, ChannelKind.SMS, false, "web", fx.clock.instant());
        text("SM02", "START");
        assertThat(channels(Purpose.MARKETING)).isEmpty();
    }

    @Test
    void aStopTwilioDeliversAgainAfterAStartChangesNothing() {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        text("SM0000000000000000000000000000stop", "STOP");
        text("SM000000000000000000000000000start", "START");

        var redelivery = text("SM0000000000000000000000000000stop", "STOP");

        assertThat(redelivery).isNull();
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
        assertThat(text("SM000000000000000000000000000start", "START")).isNull();
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
    }

    @Test
    void twentyFourConcurrentDeliveriesOfOneTextApplyItOnce() throws Exception {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        fx.clock.advance(Duration.ofSeconds(1));

        var stopReplies = deliverConcurrently(24, "SM-concurrent-stop", "STOP");
        assertThat(stopReplies).hasSize(1);
        assertThat(channels(Purpose.MARKETING)).isEmpty();

        fx.clock.advance(Duration.ofSeconds(1));
        var startReplies = deliverConcurrently(24, "SM-concurrent-start", "START");
        assertThat(startReplies).hasSize(1).allSatisfy(r -> assertThat(r).contains("de nouveau abonné"));
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
    }

    /** The replies sent back (a delivery already acted on gets none). */
    private List<String> deliverConcurrently(int deliveries, String sid, String body) throws Exception {
        return Race.of(deliveries).run(i -> keywords.handle(sid, PHONE, body)).values().stream().filter(Objects::nonNull).toList();
    }

    @Test
    void aDecisionOlderThanTheStoredOneIsNotApplied() {
        var textReceived = fx.clock.instant();
        fx.clock.advance(Duration.ofSeconds(5));
        grant(Purpose.MARKETING, ChannelKind.SMS);
        grant(Purpose.FEEDBACK, ChannelKind.SMS);

        var outcome = fx.optOuts.stop("SM-late", "cust-camille", SmsKeywords.STOP_PURPOSES, textReceived);

        assertThat(outcome).isEqualTo(SmsOptOuts.Outcome.UNCHANGED);
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
        assertThat(channels(Purpose.FEEDBACK)).containsExactly(ChannelKind.SMS);
    }

    @Test
    void eachTextIsRecordedOnceWithAnExpiryAndNoPersonalData() {
        text("SMrecorded", "STOP");
        var record = fx.dynamo.getItem(r -> r.tableName(fx.tables.idempotency())
                .key(Map.of("id", AttributeValue.fromS(DynamoSmsOptOuts.recordKey("SMrecorded"))))).item();
        assertThat(Long.parseLong(record.get("expiration").n()))
                .isEqualTo(fx.clock.instant().plus(Duration.ofDays(7)).getEpochSecond());
        assertThat(record.values().toString()).doesNotContain("33612345678").doesNotContain("cust-camille");
    }

    @Test
    void aStopFromAnUnknownNumberIsConfirmedAndChangesNoOne() {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        assertThat(keywords.handle("SM-stranger", "07 00 00 00 01", "STOP")).contains("START");
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
    }

    @Test
    void aKeywordWithoutMessageSidIsRefusedAndChangesNothing() {
        grant(Purpose.MARKETING, ChannelKind.SMS);
        assertThatThrownBy(() -> keywords.handle(null, PHONE, "STOP")).isInstanceOf(DomainException.InvalidInput.class);
        assertThat(channels(Purpose.MARKETING)).containsExactly(ChannelKind.SMS);
        assertThat(keywords.handle(null, PHONE, "Oui merci")).isNull();
    }
}
