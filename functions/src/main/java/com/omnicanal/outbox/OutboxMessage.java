package com.omnicanal.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A message to a customer, written in the same transaction as the state change that causes it; the dispatcher sends
 * it later. The dedupe key makes "at most once per business event" hold even if the event is written twice. How it
 * is delivered is its {@link Delivery}; its template data is only what its templates render.
 */
public record OutboxMessage(String id, String kind, String customerId, Delivery delivery, String dedupeKey,
                            Map<String, String> templateData, Instant createdAt) {

    /** Transactional messages need no marketing consent; marketing and feedback ones do. */
    public enum Purpose { TRANSACTIONAL, MARKETING, FEEDBACK }

    /** Urgent messages go out even in quiet hours. */
    public enum Urgency { URGENT, NORMAL }

    public OutboxMessage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(dedupeKey, "dedupeKey");
        templateData = Map.copyOf(templateData);
    }

    public static OutboxMessage transactional(String kind, String customerId, String dedupeKey,
                                              Map<String, String> data, Instant now) {
        return of(kind, customerId, dedupeKey, Delivery.transactional(), data, now);
    }

    /** Keyed by its dedupe key. */
    public static OutboxMessage of(String kind, String customerId, String dedupeKey, Delivery delivery,
                                   Map<String, String> data, Instant now) {
        return new OutboxMessage(dedupeKey, kind, customerId, delivery, dedupeKey, data, now);
    }
}
