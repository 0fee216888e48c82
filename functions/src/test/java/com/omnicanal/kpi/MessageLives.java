package com.omnicanal.kpi;

import com.omnicanal.messaging.Attempt;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random lives of messages in the delivery log, as the dispatcher and the provider's callbacks change their record
 * one write at a time: each change (before, after) is what the table's stream hands over; the final record is what a
 * recount reads.
 */
final class MessageLives {
    static final int SENT = 0, DELIVERED = 1, FAILED = 2, FELL_BACK = 3;

    /**
     * The channels tried in order (each but the last refused for good; the last one takes it when {@code sent}), the
     * SMS segments billed, what the provider said afterwards (0 nothing, 1 delivered, 2 undelivered, 3 delivered then
     * read), the store it is about (null: none), when it started and how long the callback took.
     */
    record Life(List<ChannelKind> channels, boolean sent, int segments, int callback, String store, long minute,
                long callbackMinutes) {
    }

    /** One write: the record before and after, and the time the provider's status was recorded. */
    record Change(MessageRecord before, MessageRecord after, Instant deliveredAt) {
    }

    /** What a recount finds on a final record: a fact, its channel's label, store (or none), time and segments. */
    record Happened(int what, String channel, String store, Instant at, int segments) {
    }

    record Message(List<Change> changes, MessageRecord last, Instant deliveredAt) {

        /** Counted from the final record alone, as someone would from the table. */
        List<Happened> recount() {
            var found = new ArrayList<Happened>();
            var store = last.message().templateData().getOrDefault("storeId", "none");
            var tried = new HashSet<ChannelKind>();
            ChannelKind refused = null;
            for (var a : last.attempts()) {
                if (!tried.contains(a.channel()) && refused != null && refused != a.channel()) {
                    found.add(new Happened(FELL_BACK, label(refused), store, a.at(), 0));
                }
                tried.add(a.channel());
                if (a.status().equals("failed-permanently")) {
                    found.add(new Happened(FAILED, label(a.channel()), store, a.at(), 0));
                    refused = a.channel();
                }
                if (a.status().equals("sent")) {
                    found.add(new Happened(SENT, label(a.channel()), store, a.at(), a.segments() == null ? 0 : a.segments()));
                }
            }
            if (last.delivery() == DeliveryStatus.DELIVERED || last.delivery() == DeliveryStatus.READ) {
                found.add(new Happened(DELIVERED, label(last.channel()), store, deliveredAt, 0));
            } else if (last.delivery() == DeliveryStatus.UNDELIVERED) {
                found.add(new Happened(FAILED, label(last.channel()), store, deliveredAt, 0));
            }
            return found;
        }
    }

    private MessageLives() {
    }

    static Arbitrary<Life> lives(List<String> stores) {
        var someStores = new ArrayList<String>(stores);
        someStores.add(null);
        return Combinators.combine(Arbitraries.of(ChannelKind.class).list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
                        Arbitraries.of(true, false), Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, 3),
                        Arbitraries.of(someStores), Arbitraries.longs().between(0, 30L * 24 * 60),
                        Arbitraries.longs().between(0, 20 * 60))
                .as(Life::new);
    }

    static List<Message> records(List<Life> lives, Instant start) {
        var messages = new ArrayList<Message>();
        for (int i = 0; i < lives.size(); i++) messages.add(live(lives.get(i), "m" + i, start));
        return messages;
    }

    private static Message live(Life life, String id, Instant start) {
        var data = new HashMap<String, String>();
        if (life.store() != null) data.put("storeId", life.store());
        var message = new OutboxMessage(id, "order-ready", "c1", Delivery.transactional(), id, data, start);
        var at = start.plus(Duration.ofMinutes(life.minute()));
        var changes = new ArrayList<Change>();
        var attempts = new ArrayList<Attempt>();
        var current = new MessageRecord(message, MessageRecord.Status.PENDING, null, null, null, null, null, List.of(),
                null, at);
        changes.add(new Change(null, current, null));
        for (int c = 0; c < life.channels().size(); c++) {
            var kind = life.channels().get(c);
            boolean last = c == life.channels().size() - 1;
            at = at.plusSeconds(1);
            // a traceable channel writes its hand-over first
            if (kind != ChannelKind.EMAIL) {
                attempts.add(new Attempt(kind, null, "handing-over", null, at));
                current = change(changes, current, MessageRecord.Status.SENDING, attempts, null, null, at);
            }
            if (last && life.sent()) {
                attempts.add(new Attempt(kind, "p-" + id, "sent", null, at, kind == ChannelKind.SMS ? life.segments() : null));
                current = change(changes, current, MessageRecord.Status.SENDING, attempts, null, null, at);
                current = change(changes, current, MessageRecord.Status.SENT, attempts, kind, DeliveryStatus.SENT, at);
            } else {
                attempts.add(new Attempt(kind, null, "failed-permanently", "refused", at));
                current = change(changes, current, MessageRecord.Status.SENDING, attempts, null, null, at);
                if (last) current = change(changes, current, MessageRecord.Status.FAILED, attempts, null, null, at);
            }
        }
        Instant deliveredAt = null;
        if (current.status() == MessageRecord.Status.SENT && life.callback() > 0) {
            deliveredAt = at.plus(Duration.ofMinutes(life.callbackMinutes()));
            var said = life.callback() == 2 ? DeliveryStatus.UNDELIVERED : DeliveryStatus.DELIVERED;
            var next = withDelivery(current, said);
            changes.add(new Change(current, next, deliveredAt));
            current = next;
            if (life.callback() == 3) {
                // READ comes later; the record keeps the time of the last status, which a recount cannot tell apart
                next = withDelivery(current, DeliveryStatus.READ);
                changes.add(new Change(current, next, deliveredAt));
                current = next;
            }
        }
        return new Message(changes, current, deliveredAt);
    }

    private static MessageRecord change(List<Change> changes, MessageRecord before, MessageRecord.Status status,
                                        List<Attempt> attempts, ChannelKind channel, DeliveryStatus delivery, Instant at) {
        var after = new MessageRecord(before.message(), status, channel != null ? channel : before.channel(),
                channel != null ? "p-" + before.message().id() : before.providerId(),
                delivery != null ? delivery : before.delivery(), null, null, List.copyOf(attempts), null, at);
        changes.add(new Change(before, after, null));
        return after;
    }

    private static MessageRecord withDelivery(MessageRecord r, DeliveryStatus status) {
        return new MessageRecord(r.message(), r.status(), r.channel(), r.providerId(), status, r.errorCode(), r.reason(),
                r.attempts(), r.notBefore(), r.updatedAt());
    }

    private static String label(ChannelKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
