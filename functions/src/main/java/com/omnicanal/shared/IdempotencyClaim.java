package com.omnicanal.shared;

import java.time.Instant;

/** A client's Idempotency-Key, scoped to the caller, with a fingerprint of the request it first came with. */
public record IdempotencyClaim(String key, String fingerprint, Instant expiresAt) {
}
