package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;

/** An outbox message with where it stands: the delivery log entry. */
public record MessageRecord(OutboxMessage message, Status status, ChannelKind channel, String providerId,
                            DeliveryStatus delivery, String errorCode, String reason, List<Attempt> attempts,
                            Instant notBefore, Instant updatedAt) {

    /**
     * PENDING: written, not yet tried. SENDING: claimed by a dispatcher. RETRY: failed for now, will be tried again.
     * DEFERRED: waiting for the end of quiet hours. SENT: accepted by a channel. FAILED: no channel could take it.
     * WITHHELD: a marketing message we chose not to send (no consent, or the fatigue rules): never retried.
     */
    public enum Status {
        PENDING, SENDING, RETRY, DEFERRED, SENT, FAILED, WITHHELD;

        public boolean isFinal() {
            return this == SENT || this == FAILED || this == WITHHELD;
        }
    }
}
