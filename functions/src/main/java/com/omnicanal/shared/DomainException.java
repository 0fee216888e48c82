package com.omnicanal.shared;

import java.util.List;

/** The ways a business rule refuses a request; the API adapter turns each into a problem. */
public abstract sealed class DomainException extends RuntimeException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    /** The thing does not exist, or the caller may not know it exists. */
    public static final class NotFound extends DomainException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The thing existed but is no longer usable (an expired link). */
    public static final class Gone extends DomainException {
        public Gone(String message) {
            super(message);
        }
    }

    /** The caller is known but not allowed. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String message) {
            super(message);
        }
    }

    /** The request is well-formed but the thing is not in a state that allows it. */
    public static final class InvalidState extends DomainException {
        public InvalidState(String message) {
            super(message);
        }
    }

    /** The caller asked too often (one-time codes): try again after the given time. */
    public static final class TooMany extends DomainException {
        private final java.time.Instant retryAfter;

        public TooMany(String message, java.time.Instant retryAfter) {
            super(message);
            this.retryAfter = retryAfter;
        }

        public java.time.Instant retryAfter() {
            return retryAfter;
        }
    }

    /** The same Idempotency-Key came with another request (both idempotency modes answer it alike). */
    public static final class IdempotencyConflict extends DomainException {
        private final String key;

        public IdempotencyConflict(String key) {
            super("Idempotency-Key " + key + " reused");
            this.key = key;
        }

        /** The key as the client sent it. */
        public String key() {
            return key;
        }
    }

    /** One or more fields break a rule. */
    public static final class InvalidInput extends DomainException {
        private final List<Violation> violations;

        public InvalidInput(List<Violation> violations) {
            super(violations.toString());
            this.violations = List.copyOf(violations);
        }

        public InvalidInput(String field, String message) {
            this(List.of(new Violation(field, message)));
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    public record Violation(String field, String message) {
    }

    /** Not enough units at the chosen place; says where there are. */
    public static non-sealed class Shortage extends DomainException {
        public Shortage(String message) {
            super(message);
        }
    }
}
