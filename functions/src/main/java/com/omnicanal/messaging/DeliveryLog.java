package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Port: the outbox as the dispatcher works it, and the delivery log it leaves. */
public interface DeliveryLog {
    Optional<MessageRecord> find(String messageId);

    /**
     * Takes the message for sending, for at most {@code lease}: only one dispatcher wins, and a message already
     * sent or failed is never taken again (this is what makes sending at most once per dedupe key).
     */
    boolean claim(String messageId, Instant now, Duration lease);

    void recordAttempt(String messageId, Attempt attempt);

    void markSent(String messageId, ChannelKind channel, String providerId, Instant now);

    void markFailed(String messageId, String reason, Instant now);

    /** Not sent on purpose (a marketing message without consent, or beyond the fatigue rules): final, with its reason. */
    void markWithheld(String messageId, String reason, Instant now);

    /** Failed for now: released for a later try, not before {@code retryAt}. */
    void markRetry(String messageId, String reason, Instant retryAt, Instant now);

    /** Drops one field of the message's template data (a one-time code, once the message is done with it). */
    void redact(String messageId, String field);

    /**
     * The message's customer was erased: failed for good, its contents dropped and its customer id replaced by
     * {@code anonymousId}, so that nothing of the person stays in the delivery log.
     */
    void forget(String messageId, String anonymousId, Instant now);

    /** Quiet hours: kept, to be sent from {@code until}. */
    void defer(String messageId, Instant until, Instant now);

    /** Deferred messages whose time has come, and retries whose lease or wait ran out, put back to PENDING. */
    int redriveDue(Instant now, int limit);

    /** A provider callback; false when the message is unknown or the status would move it backwards. */
    boolean updateDelivery(String providerId, DeliveryStatus status, String errorCode, Instant at);

    Page<MessageRecord> byCustomer(String customerId, String cursor, int limit);

    Page<MessageRecord> byStatus(MessageRecord.Status status, String cursor, int limit);

}
