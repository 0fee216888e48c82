package com.omnicanal.loyalty;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.util.List;

/** Ops correct a balance, always with a reason; a correction never takes the balance below zero. Added points never expire. */
public final class AdjustingPoints {
    private final LoyaltyLedger ledger;
    private final Clock clock;

    AdjustingPoints(LoyaltyLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Adjustment(long points, String reason) {
    }

    public Entry adjust(Actor actor, String customerId, Adjustment adjustment) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops adjust points");
        if (adjustment.points() == 0) throw new DomainException.InvalidInput("points", "not zero");
        if (adjustment.reason() == null || adjustment.reason().isBlank()) {
            throw new DomainException.InvalidInput("reason", "is required");
        }
        var now = clock.instant();
        long p = adjustment.points();
        var entry = new Entry(Postings.entryId(), customerId, Entry.Type.ADJUST, 0, p, new Entry.Source("OPS", actor.id()),
                null, null, null, adjustment.reason().strip(), now);
        // credited when added (never consumed by expiry as a batch is), debited when taken
        var change = new Posting.Change(p, 0, Math.max(p, 0), Math.max(-p, 0), null, 0, 0, null, null);
        var posting = new Posting(customerId, List.of(entry), change, List.of(), null,
                List.of(new Posting.StoreFigure(Reports.WEB, EarningPoints.month(now), Reports.ADJUSTED, p)), List.of(), null, null);
        return switch (ledger.post(posting)) {
            case WRITTEN -> entry;
            case INSUFFICIENT -> throw new DomainException.InvalidState("the balance does not cover " + (-p) + " points");
            default -> throw new IllegalStateException("an adjustment has no claim nor version");
        };
    }
}
