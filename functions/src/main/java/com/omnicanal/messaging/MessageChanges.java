package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one change of a message's record (before and after, as its table's stream shows it) means: the attempts it
 * appended (a channel refusing for good, a fall back to the next channel), its move to SENT, and a delivery status
 * the provider called back with. Attempts are only appended, so an attempt's place in the list names it; a status is
 * reached once (statuses never move backwards), so the message names it.
 */
public final class MessageChanges {
    private static final String FAILED_PERMANENTLY = "failed-permanently";
    private static final Set<String> HANDED_OVER = Set.of("sent", Dispatcher.FOUND_AT_PROVIDER);
    private static final Set<DeliveryStatus> ARRIVED = EnumSet.of(DeliveryStatus.DELIVERED, DeliveryStatus.READ);
    private static final Set<DeliveryStatus> LOST = EnumSet.of(DeliveryStatus.UNDELIVERED, DeliveryStatus.FAILED);

    private MessageChanges() {
    }

    /**
     * @param before null for a new record
     * @param deliveredAt when the provider's last status was recorded (the day a delivery counts on)
     */
    public static List<MessageFact> between(MessageRecord before, MessageRecord after, Instant deliveredAt) {
        var facts = new ArrayList<MessageFact>();
        var id = "MESSAGE#" + after.message().id();
        var store = storeOf(before, after);
        var attempts = after.attempts();
        int known = before == null ? 0 : Math.min(before.attempts().size(), attempts.size());
        for (int i = known; i < attempts.size(); i++) {
            var attempt = attempts.get(i);
            if (FAILED_PERMANENTLY.equals(attempt.status())) {
                facts.add(new MessageFact(id + "#attempt-" + i, MessageFact.Kind.FAILED, attempt.channel(), store, 0,
                        attempt.at()));
            }
            var from = fellBackFrom(attempts, i);
            if (from != null) {
                facts.add(new MessageFact(id + "#fallback-" + i, MessageFact.Kind.FELL_BACK, from, store, 0, attempt.at()));
            }
        }
        if (after.status() == MessageRecord.Status.SENT && after.channel() != null
                && (before == null || before.status() != MessageRecord.Status.SENT)) {
            Attempt sent = null;
            for (var attempt : attempts) {
                if (attempt.channel() == after.channel() && HANDED_OVER.contains(attempt.status())) sent = attempt;
            }
            int segments = sent == null || sent.segments() == null ? 0 : sent.segments();
            var at = sent != null ? sent.at() : after.updatedAt() != null ? after.updatedAt() : deliveredAt;
            facts.add(new MessageFact(id + "#sent", MessageFact.Kind.SENT, after.channel(), store, segments, at));
        }
        var was = before == null ? null : before.delivery();
        var is = after.delivery();
        if (is != null && is != was && after.channel() != null && deliveredAt != null && !settled(was)) {
            if (ARRIVED.contains(is)) {
                facts.add(new MessageFact(id + "#delivered", MessageFact.Kind.DELIVERED, after.channel(), store, 0, deliveredAt));
            } else if (LOST.contains(is)) {
                facts.add(new MessageFact(id + "#lost", MessageFact.Kind.FAILED, after.channel(), store, 0, deliveredAt));
            }
        }
        return facts;
    }

    /** The provider already said whether it arrived: a later status (READ after DELIVERED) is no new fact. */
    private static boolean settled(DeliveryStatus status) {
        return status != null && (ARRIVED.contains(status) || LOST.contains(status));
    }

    /**
     * The channel a message fell back from at attempt {@code i}: the first try on this channel, after another one
     * failed for good; else null.
     */
    private static ChannelKind fellBackFrom(List<Attempt> attempts, int i) {
        var channel = attempts.get(i).channel();
        ChannelKind failed = null;
        for (int j = 0; j < i; j++) {
            var earlier = attempts.get(j);
            if (earlier.channel() == channel) return null;
            if (FAILED_PERMANENTLY.equals(earlier.status())) failed = earlier.channel();
        }
        return failed;
    }

    /** The store the message is about (its producer's {@code storeId}), read before an erasure dropped its data. */
    private static String storeOf(MessageRecord before, MessageRecord after) {
        var store = after.message().templateData().get("storeId");
        if (store == null && before != null) store = before.message().templateData().get("storeId");
        return store == null || store.isBlank() ? null : store;
    }
}
