package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Staff register the customer in front of them: a walk-in profile with the phone and email they gave (unverified:
 * staff find them by it, and whoever later proves it takes it) and maybe a card.
 */
public final class RegisteringWalkIns {
    private final Catalog catalog;
    private final Customers customers;
    private final Clock clock;

    public RegisteringWalkIns(Catalog catalog, Customers customers, Clock clock) {
        this.catalog = catalog;
        this.customers = customers;
        this.clock = clock;
    }

    public Profile register(Actor actor, String storeId, ProfilePatch names, String phone, String email, String card) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        var id = Profile.WALK_IN + Ids.newId();
        var profile = customers.createIfAbsent(Profile.fresh(id, now()).with(names.firstName(), names.lastName(),
                names.language() == null ? "fr" : names.language(), List.of(), null, storeId, now()));
        if (phone != null) attachUnverified(id, Identity.Kind.PHONE, IdentityValues.normalize(Identity.Kind.PHONE, phone));
        if (email != null) attachUnverified(id, Identity.Kind.EMAIL, IdentityValues.normalize(Identity.Kind.EMAIL, email));
        if (card != null) {
            var value = IdentityValues.normalize(Identity.Kind.CARD, card);
            if (!customers.claim(new Identity(Identity.Kind.CARD, value, id, true, now()), false)) {
                throw new DomainException.InvalidState("this loyalty card is already used by another account");
            }
            profile = profile.withIdentity(Identity.Kind.CARD, value, now());
            customers.save(profile);
        }
        return profile;
    }

    private void attachUnverified(String customerId, Identity.Kind kind, String value) {
        if (!customers.claim(new Identity(kind, value, customerId, false, now()), false)) {
            throw new DomainException.InvalidState("this " + IdentityValues.field(kind) + " is already used by another account");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
