package com.omnicanal.messaging;

import com.omnicanal.outbox.OutboxMessage.Purpose;
import java.time.Instant;
import java.util.Set;

/**
 * Port: the SMS consents a customer changes by texting STOP or START. Each inbound text (Twilio's MessageSid) is
 * applied at most once, in the same transaction as its record, so a webhook Twilio delivers again changes nothing.
 * Decisions are ordered by {@code receivedAt}: one older than the consent's last decision is not applied.
 */
public interface SmsOptOuts {

    enum Outcome {
        /** At least one consent changed. */
        CHANGED,
        /** Recorded, but there was nothing to change. */
        UNCHANGED,
        /** This text was already applied (a redelivery): nothing changed, nothing to answer. */
        ALREADY_APPLIED
    }

    /**
     * STOP: SMS consent is withdrawn for these purposes at once. Those that were granted are marked as withdrawn by
     * an SMS STOP, so that a START gives back exactly them. {@code customerId} null: a number we do not know, only
     * the text is recorded.
     */
    Outcome stop(String messageSid, String customerId, Set<Purpose> purposes, Instant receivedAt);

    /**
     * START: gives back what an SMS STOP withdrew on these purposes, and nothing else. A START never grants a consent
     * the customer did not give first (a "yes" answering a transactional text is not an opt-in).
     */
    Outcome start(String messageSid, String customerId, Set<Purpose> purposes, Instant receivedAt);
}
