package com.omnicanal.messaging;

/** What a channel said: sent (with the provider's id), failed for good, failed for now, or no answer to go by. */
public sealed interface SendOutcome {
    record Sent(String providerId) implements SendOutcome {
    }

    /** Retrying this channel is pointless (invalid number, unsubscribed, hard bounce): try the next one. */
    record Permanent(String code, String reason) implements SendOutcome {
    }

    /** Worth retrying later on the same channel (429, 5xx, timeout, SMTP 4xx). */
    record Transient(String code, String reason) implements SendOutcome {
    }

    /** The request may have reached the provider (a timeout waiting for its answer): it may have sent. */
    record Unknown(String code, String reason) implements SendOutcome {
    }
}
