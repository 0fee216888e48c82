package com.omnicanal.loyalty;

import java.time.Instant;
import java.util.Map;

/**
 * The points one purchase earned: pending until {@code availableAt}, then available until {@code expiresAt}, with the
 * points of each line so a return takes back exactly what its lines gave. {@code creditedThrough} is the member's
 * total ever made available once this batch was: debits are consumed oldest batch first, so what is left of it at its
 * expiry is what the debits have not reached.
 */
public record Batch(String id, String customerId, Status status, Entry.Source source, String channel, String storeId,
                    Instant earnedAt, Instant availableAt, Instant expiresAt, long points, Map<String, Line> lines,
                    long creditedThrough, boolean warned, int programmeVersion, long version) {

    public enum Status { PENDING, AVAILABLE, CLOSED }

    /** A line's units, the points they earned, and how many units came back. */
    public record Line(int quantity, long points, int returned) {
        /** The points {@code units} more returned units take back: pro rata, the rounding settled by the last unit. */
        public long reversal(int units) {
            int upTo = Math.min(quantity, returned + units);
            return points * upTo / quantity - points * returned / quantity;
        }
    }

    public Batch {
        lines = Map.copyOf(lines);
    }

    /** The next moment the sweep has work with it: release, warn 30 days ahead, or expire. */
    public Instant dueAt(java.time.Duration warning) {
        return switch (status) {
            case PENDING -> availableAt;
            case AVAILABLE -> warned ? expiresAt : expiresAt.minus(warning);
            case CLOSED -> null;
        };
    }

    public Batch with(Status status, long points, Map<String, Line> lines, long creditedThrough, boolean warned) {
        return new Batch(id, customerId, status, source, channel, storeId, earnedAt, availableAt, expiresAt, points, lines,
                creditedThrough, warned, programmeVersion, version + 1);
    }
}
