package com.omnicanal.messaging;

import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;

/**
 * Port: told that a channel took a message, for the capabilities whose figures count only what really left (feedback's
 * invitations sent), not what waits for quiet hours, a retry or failed. Told at least once: again when the stream hands
 * a sent message to the dispatcher again (as it does after this call threw), so it must be idempotent.
 */
@FunctionalInterface
public interface SentMessages {
    SentMessages NONE = (message, at) -> { };

    void sent(OutboxMessage message, Instant at);
}
