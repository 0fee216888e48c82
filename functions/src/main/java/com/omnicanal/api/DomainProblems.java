package com.omnicanal.api;

import com.omnicanal.infrastructure.http.FieldError;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Problem;
import com.omnicanal.reservation.InsufficientStock;
import com.omnicanal.shared.DomainException;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** How each business refusal reads over HTTP. */
public final class DomainProblems {
    private DomainProblems() {
    }

    public static Optional<Problem> of(RuntimeException e) {
        if (e instanceof InsufficientStock s) {
            return Optional.of(Problem.of(409, "insufficient-stock", "Not enough stock", s.getMessage())
                    .with("sku", s.sku()).with("storeId", s.storeId()).with("requested", s.requested())
                    .with("available", s.available()).with("alternatives", s.alternatives()));
        }
        if (e instanceof DomainException.NotFound) return Optional.of(Problem.of(404, "not-found", "Not found", e.getMessage()));
        if (e instanceof DomainException.TooMany many) {
            return Optional.of(Problem.of(429, "too-many-requests", "Too many requests", e.getMessage())
                    .with("retryAfter", many.retryAfter().toString()));
        }
        if (e instanceof DomainException.Gone) return Optional.of(Problem.of(410, "gone", "Gone", e.getMessage()));
        if (e instanceof DomainException.Forbidden) return Optional.of(Problem.of(403, "forbidden", "Forbidden", e.getMessage()));
        if (e instanceof DomainException.InvalidState) {
            return Optional.of(Problem.of(409, "invalid-state", "Not allowed in the current state", e.getMessage()));
        }
        if (e instanceof DomainException.IdempotencyConflict c) return Optional.of(Idempotency.conflict(c.key()));
        if (e instanceof DomainException.InvalidInput invalid) {
            return Optional.of(Problem.validation(invalid.violations().stream()
                    .map(v -> new FieldError(v.field(), v.message())).toList()));
        }
        if (e instanceof TransactionCanceledException || e instanceof ProvisionedThroughputExceededException
                || e instanceof RequestLimitExceededException
                || (e instanceof DynamoDbException d && d.isThrottlingException())) {
            // contention or throttling that outlasted our retries: nothing was written, the client may retry
            return Optional.of(Problem.of(503, "busy", "Busy, try again", "The store is busy; retry in a moment"));
        }
        return Optional.empty();
    }
}
