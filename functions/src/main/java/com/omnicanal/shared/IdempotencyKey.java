package com.omnicanal.shared;

import java.time.Instant;
import java.util.Objects;

/**
 * A client's Idempotency-Key as the HTTP edge accepted it (its shape is openapi.yaml's): the record it names, scoped to
 * the caller, the key as sent, and the fingerprint of the request it came with. Use cases claim it with their effect.
 */
public record IdempotencyKey(String record, String value, String fingerprint) {
    public IdempotencyKey {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** The claim written with the effect, at the use case's clock. */
    public IdempotencyClaim claimAt(Instant now) {
        return new IdempotencyClaim(record, fingerprint, now);
    }

    /** The refusal when the key already came with another request. */
    public DomainException.IdempotencyConflict reused() {
        return new DomainException.IdempotencyConflict(value);
    }
}
