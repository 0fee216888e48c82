package com.omnicanal.returns;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;

/** A return, for its customer, the stores it concerns (sold at, received at, meant for) and ops. */
public final class FollowingReturns {
    private final Returns returns;

    FollowingReturns(Returns returns) {
        this.returns = returns;
    }

    public ReturnAuthorization get(Actor actor, String id) {
        return returns.find(id).filter(r -> actor.isCustomer() ? r.customerId().equals(actor.id())
                        : actor.worksFor(r.soldAt()) || (r.receivedAt() != null && actor.worksFor(r.receivedAt()))
                        || (r.intendedStoreId() != null && actor.worksFor(r.intendedStoreId())) || actor.role() == Actor.Role.OPS)
                .orElseThrow(() -> new DomainException.NotFound("no return " + id));
    }
}
