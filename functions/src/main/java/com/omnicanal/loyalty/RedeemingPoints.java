package com.omnicanal.loyalty;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Points become a single-use code worth their value, usable on any channel: in a web order, or at the till where staff
 * redeem it. The balance is debited by a conditional write (never below zero, whatever runs at the same time), with
 * the code and the entry in the same transaction. A member spends their own points; staff spend them at the till for
 * the member in front of them, for their own store.
 */
public final class RedeemingPoints {
    static final Duration CODE_VALIDITY = Duration.ofDays(90);
    private final LoyaltyLedger ledger;
    private final Programmes programmes;
    private final RewardCodes codes;
    private final Clock clock;

    RedeemingPoints(LoyaltyLedger ledger, Programmes programmes, RewardCodes codes, Clock clock) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.codes = codes;
        this.clock = clock;
    }

    /** Where the points are spent: online (no store) or at a store's till. */
    public record Redemption(String customerId, long points, String storeId) {
    }

    /** The code bought with the points. */
    public record Redeemed(String code, long points, long amountOffCents, java.time.Instant expiresAt) {
    }

    /** The code, and whether it is the first answer replayed (the same request came again with its key). */
    public record Outcome(Redeemed redeemed, boolean replayed) {
    }

    public Outcome redeem(Actor actor, Redemption request, IdempotencyKey key) {
        if (actor.isCustomer() && !actor.id().equals(request.customerId())) throw new DomainException.NotFound("no loyalty account");
        if (!actor.isCustomer()) {
            if (request.storeId() == null) throw new DomainException.InvalidInput("storeId", "staff redeem for their store");
            actor.requireStore(request.storeId());
        }
        if (request.points() <= 0 || request.points() % 100 != 0) {
            throw new DomainException.InvalidInput("points", "a positive multiple of 100");
        }
        var programme = programmes.current();
        var now = clock.instant();
        if (ledger.account(request.customerId()).isEmpty()) {
            throw new DomainException.NotFound("no loyalty account for " + request.customerId());
        }
        var code = codes.newCode();
        var value = programme.valueCents(request.points());
        var expires = now.plus(CODE_VALIDITY);
        var entry = new Entry(Postings.entryId(), request.customerId(), Entry.Type.REDEEM, 0, -request.points(),
                new Entry.Source("REWARD", code), request.storeId() == null ? "WEB" : "STORE", request.storeId(), null, null, now);
        // no version condition: the balance condition alone decides, so concurrent redemptions never wrongly fail
        var posting = new Posting(request.customerId(), List.of(entry),
                new Posting.Change(-request.points(), 0, 0, request.points(), null, 0, 0, null, null), List.of(), null,
                List.of(new Posting.StoreFigure(Reports.store(request.storeId()), EarningPoints.month(now), Reports.REDEEMED,
                        request.points())), List.of(),
                new Posting.Reward(code, request.customerId(), request.points(), value, expires),
                key == null ? null : key.claimAt(now));
        return switch (ledger.post(posting)) {
            case WRITTEN -> new Outcome(new Redeemed(code, request.points(), value, expires), false);
            case ALREADY_DONE -> ledger.replay(posting.idempotency()).map(r -> new Outcome(r, true))
                    .orElseThrow(key::reused);
            case INSUFFICIENT -> throw new DomainException.InvalidState("the balance does not cover " + request.points() + " points");
            case STALE -> throw new IllegalStateException("a redemption has no version condition");
        };
    }
}
