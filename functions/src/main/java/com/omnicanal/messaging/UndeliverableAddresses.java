package com.omnicanal.messaging;

import java.time.Instant;

/**
 * Port: email addresses that hard-bounced, kept with the customer who gave them; {@link ContactBook#find} then leaves
 * that email out, so the dispatcher falls back to the customer's next channel.
 */
public interface UndeliverableAddresses {
    /** Marks the customer's address undeliverable; a no-op for an erased customer. */
    void markUndeliverable(String customerId, String email, String reason, Instant at);
}
