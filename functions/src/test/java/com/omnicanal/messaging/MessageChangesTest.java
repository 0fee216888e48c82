package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What each change of a message's record means to the KPIs, one write of the dispatcher or a callback at a time. */
@Tag("fast")
class MessageChangesTest {
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    private static final OutboxMessage ABOUT_PARIS = new OutboxMessage("order-ready#o1", "order-ready", "c1",
            Delivery.transactional(), "order-ready#o1", Map.of("storeId", "paris-rivoli", "orderRef", "AB12"), T);

    private static MessageRecord record(MessageRecord.Status status, ChannelKind channel, DeliveryStatus delivery,
                                        List<Attempt> attempts) {
        return new MessageRecord(ABOUT_PARIS, status, channel, channel == null ? null : "SM1", delivery, null, null,
                attempts, null, T);
    }

    @Test
    void aRefusedSmsFallsBackToEmailWhichIsSentThenDelivered() {
        var attempts = new ArrayList<Attempt>();
        var pending = record(MessageRecord.Status.PENDING, null, null, List.of());
        assertThat(MessageChanges.between(null, pending, null)).isEmpty();

        attempts.add(new Attempt(ChannelKind.SMS, null, "handing-over", null, T));
        var handing = record(MessageRecord.Status.SENDING, null, null, List.copyOf(attempts));
        assertThat(MessageChanges.between(pending, handing, null)).isEmpty();

        attempts.add(new Attempt(ChannelKind.SMS, null, "failed-permanently", "21211", T.plusSeconds(1)));
        var refused = record(MessageRecord.Status.SENDING, null, null, List.copyOf(attempts));
        assertThat(MessageChanges.between(handing, refused, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(MessageFact.Kind.FAILED);
            assertThat(f.channel()).isEqualTo(ChannelKind.SMS);
            assertThat(f.storeId()).isEqualTo("paris-rivoli");
        });

        attempts.add(new Attempt(ChannelKind.EMAIL, "mail-1", "sent", null, T.plusSeconds(2)));
        var tried = record(MessageRecord.Status.SENDING, null, null, List.copyOf(attempts));
        assertThat(MessageChanges.between(refused, tried, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(MessageFact.Kind.FELL_BACK);
            // counted on the channel that failed for good
            assertThat(f.channel()).isEqualTo(ChannelKind.SMS);
        });

        var sent = record(MessageRecord.Status.SENT, ChannelKind.EMAIL, DeliveryStatus.SENT, List.copyOf(attempts));
        assertThat(MessageChanges.between(tried, sent, null)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(MessageFact.Kind.SENT);
            assertThat(f.channel()).isEqualTo(ChannelKind.EMAIL);
            assertThat(f.segments()).isZero();
            assertThat(f.at()).isEqualTo(T.plusSeconds(2));
        });

        var delivered = record(MessageRecord.Status.SENT, ChannelKind.EMAIL, DeliveryStatus.DELIVERED, List.copyOf(attempts));
        var callback = T.plusSeconds(60);
        assertThat(MessageChanges.between(sent, delivered, callback)).singleElement().satisfies(f -> {
            assertThat(f.kind()).isEqualTo(MessageFact.Kind.DELIVERED);
            assertThat(f.at()).isEqualTo(callback);
        });
        // READ after DELIVERED says nothing new
        var read = record(MessageRecord.Status.SENT, ChannelKind.EMAIL, DeliveryStatus.READ, List.copyOf(attempts));
        assertThat(MessageChanges.between(delivered, read, callback.plusSeconds(5))).isEmpty();
    }

    @Test
    void aSentSmsCarriesItsSegmentsAndItsLossIsAFailure() {
        var attempts = List.of(new Attempt(ChannelKind.SMS, null, "handing-over", null, T),
                new Attempt(ChannelKind.SMS, "SM1", "sent", null, T, 2));
        var before = record(MessageRecord.Status.SENDING, null, null, attempts);
        var sent = record(MessageRecord.Status.SENT, ChannelKind.SMS, DeliveryStatus.SENT, attempts);
        assertThat(MessageChanges.between(before, sent, null)).singleElement()
                .satisfies(f -> assertThat(f.segments()).isEqualTo(2));
        var lost = record(MessageRecord.Status.SENT, ChannelKind.SMS, DeliveryStatus.UNDELIVERED, attempts);
        var facts = MessageChanges.between(sent, lost, T.plusSeconds(30));
        assertThat(facts).extracting(MessageFact::kind).containsExactly(MessageFact.Kind.FAILED);
        // the same change handed over twice names the same facts: the KPIs count them once
        assertThat(MessageChanges.between(sent, lost, T.plusSeconds(30))).isEqualTo(facts);
    }

    @Test
    void aMessageAboutNoStoreIsNobodysStore() {
        var promo = new OutboxMessage("promo#1", "loyalty-points", "c1", Delivery.transactional(), "promo#1", Map.of(), T);
        var attempts = List.of(new Attempt(ChannelKind.SMS, "SM2", "sent", null, T, 1));
        var before = new MessageRecord(promo, MessageRecord.Status.SENDING, null, null, null, null, null, attempts, null, T);
        var after = new MessageRecord(promo, MessageRecord.Status.SENT, ChannelKind.SMS, "SM2", DeliveryStatus.SENT, null,
                null, attempts, null, T);
        assertThat(MessageChanges.between(before, after, null)).singleElement()
                .satisfies(f -> assertThat(f.storeId()).isNull());
    }
}
