package com.omnicanal.testing.memory;

import com.omnicanal.messaging.Attempt;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One outbox message as the dispatcher moves it along (the fields the DynamoDB item carries). */
final class OutboxEntry {
    OutboxMessage message;
    MessageRecord.Status status = MessageRecord.Status.PENDING;
    ChannelKind channel;
    String providerId;
    DeliveryStatus delivery;
    String errorCode;
    String reason;
    final List<Attempt> attempts = new ArrayList<>();
    Instant notBefore;
    Instant leaseUntil;
    Instant updatedAt;
    Instant deliveredAt;
    int redrives;

    OutboxEntry(OutboxMessage message) {
        this.message = message;
    }

    MessageRecord toRecord() {
        return new MessageRecord(message, status, channel, providerId, delivery, errorCode, reason, List.copyOf(attempts),
                notBefore, updatedAt);
    }

    /** The message with other template data (a field redacted) or another customer id. */
    void rewrite(String customerId, Map<String, String> templateData) {
        message = new OutboxMessage(message.id(), message.kind(), customerId, message.delivery(), message.dedupeKey(),
                templateData, message.createdAt());
    }

    /** An erased customer's message: no template data and no contact given with it, as DynamoDB drops both. */
    void forget(String anonymousId) {
        var delivery = message.delivery();
        message = new OutboxMessage(message.id(), message.kind(), anonymousId,
                new Delivery(delivery.purpose(), delivery.urgency(), delivery.channels(), null), message.dedupeKey(),
                Map.of(), message.createdAt());
    }
}
