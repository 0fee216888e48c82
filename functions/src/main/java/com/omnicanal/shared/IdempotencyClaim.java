package com.omnicanal.shared;

import java.time.Duration;
import java.time.Instant;

/**
 * A client's Idempotency-Key, scoped to the caller, with a fingerprint of the request it first came with; claimed at
 * the injected clock's time, so an expired record is judged by the same clock that set its expiry.
 */
public record IdempotencyClaim(String key, String fingerprint, Instant claimedAt, Instant expiresAt) {
    public IdempotencyClaim(String key, String fingerprint, Instant claimedAt, Duration window) {
        this(key, fingerprint, claimedAt, claimedAt.plus(window));
    }
}
