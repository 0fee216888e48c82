package com.omnicanal.testing.memory;

import com.omnicanal.messaging.Attempt;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.messaging.DeliveryLog;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.messaging.MessageRecord.Status;
import com.omnicanal.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** The outbox as the dispatcher works it, in memory: the same conditional status moves as the DynamoDB one. */
public final class InMemoryDeliveryLog implements DeliveryLog {
    private static final Set<Status> CLAIMABLE = Set.of(Status.PENDING, Status.RETRY, Status.DEFERRED);

    private final InMemoryStore store;

    public InMemoryDeliveryLog(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Optional<MessageRecord> find(String messageId) {
        synchronized (store) {
            return Optional.ofNullable(store.outbox.get(messageId)).map(OutboxEntry::toRecord);
        }
    }

    @Override
    public boolean claim(String messageId, Instant now, Duration lease) {
        return update(messageId, e -> CLAIMABLE.contains(e.status), e -> {
            e.status = Status.SENDING;
            e.leaseUntil = InMemoryStore.millis(now.plus(lease));
            e.updatedAt = InMemoryStore.millis(now);
        });
    }

    @Override
    public void recordAttempt(String messageId, Attempt attempt) {
        update(messageId, e -> true, e -> e.attempts.add(new Attempt(attempt.channel(), attempt.providerId(),
                attempt.status(), attempt.errorCode(), InMemoryStore.millis(attempt.at()), attempt.segments())));
    }

    @Override
    public void markSent(String messageId, ChannelKind channel, String providerId, Instant now) {
        update(messageId, e -> true, e -> {
            e.channel = channel;
            e.providerId = providerId;
            e.delivery = DeliveryStatus.SENT;
            settle(e, Status.SENT, e.reason, now);
        });
    }

    @Override
    public void markFailed(String messageId, String reason, Instant now) {
        update(messageId, e -> true, e -> settle(e, Status.FAILED, reason, now));
    }

    @Override
    public void markWithheld(String messageId, String reason, Instant now) {
        update(messageId, e -> true, e -> settle(e, Status.WITHHELD, reason, now));
    }

    @Override
    public void markRetry(String messageId, String reason, Instant retryAt, Instant now) {
        update(messageId, e -> true, e -> {
            e.status = Status.RETRY;
            e.reason = reason;
            e.notBefore = InMemoryStore.millis(retryAt);
            e.updatedAt = InMemoryStore.millis(now);
            e.leaseUntil = null;
        });
    }

    @Override
    public void redact(String messageId, String field) {
        update(messageId, e -> e.message.templateData().containsKey(field), e -> {
            var data = new HashMap<>(e.message.templateData());
            data.remove(field);
            e.rewrite(e.message.customerId(), data);
        });
    }

    @Override
    public void forget(String messageId, String anonymousId, Instant now) {
        update(messageId, e -> true, e -> {
            e.forget(anonymousId);
            settle(e, Status.FAILED, "customer-erased", now);
        });
    }

    @Override
    public void defer(String messageId, Instant until, Instant now) {
        update(messageId, e -> e.status == Status.PENDING || e.status == Status.RETRY, e -> {
            e.status = Status.DEFERRED;
            e.notBefore = InMemoryStore.millis(until);
            e.reason = "quiet-hours";
            e.updatedAt = InMemoryStore.millis(now);
        });
    }

    @Override
    public int redriveDue(Instant now, int limit) {
        synchronized (store) {
            int moved = 0;
            // deferred messages whose quiet hours are over; claims whose dispatcher died before finishing. Like the
            // DynamoDB query (a Limit, then a filter), only the {@code limit} oldest of each status are looked at.
            for (var status : new Status[] {Status.DEFERRED, Status.SENDING}) {
                var oldest = store.outbox.values().stream().filter(e -> e.status == status)
                        .sorted(Comparator.comparing((OutboxEntry e) -> e.message.createdAt()).thenComparing(e -> e.message.id()))
                        .limit(limit).toList();
                for (var entry : oldest) {
                    var due = status == Status.DEFERRED ? entry.notBefore : entry.leaseUntil;
                    if (due == null || due.isAfter(now)) continue;
                    entry.status = Status.PENDING;
                    entry.updatedAt = InMemoryStore.millis(now);
                    entry.redrives++;
                    moved++;
                }
            }
            return moved;
        }
    }

    @Override
    public boolean updateDelivery(String providerId, DeliveryStatus status, String errorCode, Instant at) {
        synchronized (store) {
            var entry = store.outbox.values().stream().filter(e -> providerId.equals(e.providerId)).findFirst();
            // ranked: a late callback never moves a message backwards
            if (entry.isEmpty() || (entry.get().delivery != null && entry.get().delivery.rank() >= status.rank())) {
                return false;
            }
            entry.get().delivery = status;
            entry.get().deliveredAt = InMemoryStore.millis(at);
            if (errorCode != null && !errorCode.isBlank()) entry.get().errorCode = errorCode;
            return true;
        }
    }

    @Override
    public Page<MessageRecord> byCustomer(String customerId, String cursor, int limit) {
        synchronized (store) {
            var theirs = store.outbox.values().stream().filter(e -> e.message.customerId().equals(customerId)).toList();
            return page(theirs, "customer:" + customerId, cursor, limit);
        }
    }

    @Override
    public Page<MessageRecord> byStatus(Status status, String cursor, int limit) {
        synchronized (store) {
            var inStatus = store.outbox.values().stream().filter(e -> e.status == status).toList();
            return page(inStatus, "status:" + status, cursor, limit);
        }
    }

    /** Changes the message if it exists and meets the condition, as a conditional update does; false otherwise. */
    private boolean update(String messageId, Predicate<OutboxEntry> condition, Consumer<OutboxEntry> change) {
        synchronized (store) {
            var entry = store.outbox.get(messageId);
            if (entry == null || !condition.test(entry)) return false;
            change.accept(entry);
            return true;
        }
    }

    /** A final status: no lease, no waiting time any more. */
    private static void settle(OutboxEntry entry, Status status, String reason, Instant now) {
        entry.status = status;
        entry.reason = reason;
        entry.updatedAt = InMemoryStore.millis(now);
        entry.leaseUntil = null;
        entry.notBefore = null;
    }

    /** Newest first. */
    private static Page<MessageRecord> page(java.util.List<OutboxEntry> entries, String scope, String cursor, int limit) {
        var page = InMemoryStore.page(entries, e -> InMemoryStore.byTime(e.message.createdAt(), e.message.id()), true,
                scope, cursor, limit);
        return new Page<>(page.items().stream().map(OutboxEntry::toRecord).toList(), page.nextCursor());
    }
}
