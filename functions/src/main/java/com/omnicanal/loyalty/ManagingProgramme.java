package com.omnicanal.loyalty;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;

/** Ops read and change the programme; every change is a new version, and what was earned keeps its version. */
public final class ManagingProgramme {
    private final LoyaltyLedger ledger;
    private final Programmes programmes;
    private final Clock clock;

    ManagingProgramme(LoyaltyLedger ledger, Programmes programmes, Clock clock) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.clock = clock;
    }

    /** Anyone may read the rules: the storefront shows them. */
    public Programme current() {
        return programmes.current();
    }

    public Programme update(Actor actor, Programme draft) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops change the programme");
        draft.validate();
        var current = programmes.current();
        var next = draft.next(current.version() + 1, clock.instant());
        if (!ledger.saveProgramme(next, current.version())) {
            throw new DomainException.InvalidState("the programme was changed meanwhile: read it again");
        }
        return next;
    }
}
