package com.omnicanal.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message to a customer, written in the same transaction as the state change that causes it; the dispatcher sends
 * it later. The dedupe key makes "at most once per business event" hold even if the event is written twice.
 */
public record OutboxMessage(String id, String kind, String customerId, Purpose purpose, Urgency urgency,
                            String dedupeKey, Map<String, String> templateData, Instant createdAt) {

    /** Transactional messages need no marketing consent; marketing and feedback ones do. */
    public enum Purpose { TRANSACTIONAL, MARKETING, FEEDBACK }

    /** Urgent messages go out even in quiet hours. */
    public enum Urgency { URGENT, NORMAL }

    public OutboxMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        templateData = Map.copyOf(templateData);
    }

    public static OutboxMessage transactional(String kind, String customerId, String dedupeKey,
                                              Map<String, String> data, Instant now) {
        return new OutboxMessage(dedupeKey, kind, customerId, Purpose.TRANSACTIONAL, Urgency.URGENT, dedupeKey, data,
                now);
    }
}
