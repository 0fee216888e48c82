package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.RecordingChannel;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Marketing withheld for want of consent or for fatigue, on DynamoDB Local, under concurrent dispatchers. */
class MarketingFatigueOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamoLocal = new DynamoDbLocalPerClass();
    private MessagingFixture fx;
    private final RecordingChannel mail = new RecordingChannel(ChannelKind.EMAIL);

    @BeforeEach
    void setUp() {
        fx = new MessagingFixture(dynamoLocal.client());
        fx.customer("cust-lea", "fr", "lea@example.fr", null, null, null);
    }

    @Test
    void withoutMarketingConsentTheMessageIsWithheldNotFailedAndNeverRetried() {
        var dispatcher = fx.dispatcher(List.of(mail), MarketingFatigue.DEFAULT);
        var m = fx.queue("RESERVATION_EXPIRED", "cust-lea", Purpose.MARKETING, Urgency.NORMAL, "MK#consent");

        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.WITHHELD);
        var record = fx.record(m.id());
        assertThat(record.status()).isEqualTo(MessageRecord.Status.WITHHELD);
        assertThat(record.reason()).isEqualTo("no-consented-channel");
        fx.clock.advance(Duration.ofHours(3));
        assertThat(fx.log.redriveDue(fx.clock.instant(), 100)).isZero();
        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SKIPPED);
        assertThat(mail.sent()).isEmpty();
        assertThat(fx.log.byStatus(MessageRecord.Status.WITHHELD, null, 10).items()).extracting(r -> r.message().id())
                .containsExactly(m.id());
        assertThat(fx.log.byStatus(MessageRecord.Status.FAILED, null, 10).items()).isEmpty();
        assertThat(fx.log.byCustomer("cust-lea", null, 10).items()).extracting(MessageRecord::status)
                .containsExactly(MessageRecord.Status.WITHHELD);
    }

    @Test
    void ofTwentyFourConcurrentMarketingMessagesExactlyTheWeeklyLimitGoOut() throws Exception {
        consentToMarketing();
        var dispatcher = fx.dispatcher(List.of(mail), new MarketingFatigue(3, 8, Duration.ZERO));
        var ids = burst(24);

        var results = concurrently(ids, dispatcher);

        assertThat(results).filteredOn(r -> r == Dispatcher.Result.SENT).hasSize(3);
        assertThat(results).filteredOn(r -> r == Dispatcher.Result.WITHHELD).hasSize(21);
        assertThat(mail.sent()).hasSize(3);
        assertThat(ids.stream().map(fx::record).filter(r -> r.status() == MessageRecord.Status.WITHHELD))
                .hasSize(21).allSatisfy(r -> assertThat(r.reason()).isEqualTo(MarketingFatigue.WEEKLY));
        // transactional messages are never counted nor held back
        var confirmation = fx.queue("RESERVATION_CONFIRMED", "cust-lea", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#1");
        assertThat(dispatcher.dispatch(confirmation.id())).isEqualTo(Dispatcher.Result.SENT);
    }

    @Test
    void withTheDefaultGapOneMessageOfABurstGoesAndTheNextDayAnother() throws Exception {
        consentToMarketing();
        var dispatcher = fx.dispatcher(List.of(mail), MarketingFatigue.DEFAULT);

        var results = concurrently(burst(20), dispatcher);

        assertThat(results).filteredOn(r -> r == Dispatcher.Result.SENT).hasSize(1);
        assertThat(results).filteredOn(r -> r == Dispatcher.Result.WITHHELD).hasSize(19);
        fx.clock.advance(Duration.ofHours(24));
        var tomorrow = fx.queue("RESERVATION_EXPIRED", "cust-lea", Purpose.MARKETING, Urgency.NORMAL, "MK#tomorrow");
        assertThat(dispatcher.dispatch(tomorrow.id())).isEqualTo(Dispatcher.Result.SENT);
        assertThat(mail.sent()).hasSize(2);
    }

    private void consentToMarketing() {
        fx.contacts.decide("cust-lea", Purpose.MARKETING, ChannelKind.EMAIL, true, "web", fx.clock.instant());
    }

    private List<String> burst(int count) {
        return IntStream.range(0, count).mapToObj(i -> fx.queue("RESERVATION_EXPIRED", "cust-lea", Purpose.MARKETING,
                Urgency.NORMAL, "MK#burst-" + i)).map(OutboxMessage::id).toList();
    }

    private static List<Dispatcher.Result> concurrently(List<String> ids, Dispatcher dispatcher) throws Exception {
        return Race.of(ids.size()).run(i -> dispatcher.dispatch(ids.get(i))).values();
    }
}
