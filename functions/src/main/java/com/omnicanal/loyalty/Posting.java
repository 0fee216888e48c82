package com.omnicanal.loyalty;

import com.omnicanal.outbox.OutboxMessage;
import java.time.YearMonth;
import java.util.List;

/**
 * One change of a member's ledger, written whole or not at all (one transaction): the entries, the account's change
 * under the conditions it was computed on, the batches written (each under the version it was read at, or new), the
 * claim that makes it happen once, the store figures, the messages it causes and the reward code it issues.
 */
public record Posting(String customerId, List<Entry> entries, Change change, List<BatchWrite> batches, String claim,
                      List<StoreFigure> figures, List<OutboxMessage> messages, Reward reward,
                      com.omnicanal.shared.IdempotencyClaim idempotency) {

    public Posting {
        entries = List.copyOf(entries);
        batches = List.copyOf(batches);
        figures = List.copyOf(figures);
        messages = List.copyOf(messages);
    }

    /**
     * What the KPIs count of this posting (points issued, redeemed, reversed or expired per store; an adjustment is
     * none), written in its transaction; named after its first entry, which only this posting has.
     */
    public List<com.omnicanal.shared.BusinessEvent> events() {
        if (entries.isEmpty()) return List.of();
        var first = entries.get(0);
        var events = new java.util.ArrayList<com.omnicanal.shared.BusinessEvent>();
        for (int i = 0; i < figures.size(); i++) {
            var f = figures.get(i);
            var movement = switch (f.figure()) {
                case Reports.ISSUED -> com.omnicanal.shared.BusinessEvent.PointsMoved.Movement.ISSUED;
                case Reports.REDEEMED -> com.omnicanal.shared.BusinessEvent.PointsMoved.Movement.REDEEMED;
                case Reports.REVERSED -> com.omnicanal.shared.BusinessEvent.PointsMoved.Movement.REVERSED;
                case Reports.EXPIRED -> com.omnicanal.shared.BusinessEvent.PointsMoved.Movement.EXPIRED;
                default -> null;
            };
            if (movement == null || f.points() == 0) continue;
            events.add(new com.omnicanal.shared.BusinessEvent.PointsMoved(first.id() + "-" + i,
                    Reports.WEB.equals(f.storeId()) ? null : f.storeId(), movement, f.points(), first.at()));
        }
        return events;
    }

    /**
     * What the account gains (negative: loses), under two conditions: the available points never fall below zero, and,
     * when {@code expectVersion} is not null, the account is still the one the change was computed from (else retry).
     */
    public record Change(long available, long pending, long credited, long debited, YearMonth month, long earned,
                         int purchases, String tier, Long expectVersion) {
    }

    /** A batch's new state; {@code expectedVersion} null: it must not exist yet (a purchase earns once). */
    public record BatchWrite(Batch batch, Long expectedVersion) {
    }

    /** Points issued, redeemed, reversed or expired in a store in a month (the store of where it happened). */
    public record StoreFigure(String storeId, YearMonth month, String figure, long points) {
    }

    /** A single-use code bought with points, worth {@code amountOffCents}. */
    public record Reward(String code, String owner, long points, long amountOffCents, java.time.Instant expiresAt) {
    }

    public enum Outcome {
        WRITTEN,
        /** The claim was there: this purchase, return or request was already posted. */
        ALREADY_DONE,
        /** The balance cannot cover the debit. */
        INSUFFICIENT,
        /** Something it was computed from changed meanwhile: read again and retry. */
        STALE
    }
}
