package com.omnicanal.shared;

import java.time.Instant;

/**
 * An {@link IdempotencyKey} claimed at the injected clock's time, so an expired record is judged by the same clock that
 * set its expiry (the store keeps it for its one window).
 */
public record IdempotencyClaim(String key, String fingerprint, Instant claimedAt) {
}
