package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;

/**
 * A customer changes their own profile: names, language, preferred channels, quiet hours, home store. Lengths,
 * languages and channels are openapi.yaml's to check; what it cannot say is checked here.
 */
public final class UpdatingProfile {
    private final Catalog catalog;
    private final SigningIn signingIn;
    private final Customers customers;
    private final Clock clock;

    public UpdatingProfile(Catalog catalog, SigningIn signingIn, Customers customers, Clock clock) {
        this.catalog = catalog;
        this.signingIn = signingIn;
        this.customers = customers;
        this.clock = clock;
    }

    public Profile update(Actor actor, ProfilePatch patch) {
        var current = signingIn.profile(actor);
        var violations = new ArrayList<DomainException.Violation>();
        // the contract has minLength 1: a name of spaces only still reaches us
        if (patch.firstName() != null && patch.firstName().isBlank()) {
            violations.add(new DomainException.Violation("firstName", "must be 1 to 100 characters"));
        }
        if (patch.lastName() != null && patch.lastName().isBlank()) {
            violations.add(new DomainException.Violation("lastName", "must be 1 to 100 characters"));
        }
        if (patch.quietHours() != null) violations.addAll(patch.quietHours().violations());
        if (patch.homeStoreId() != null && catalog.store(patch.homeStoreId()).isEmpty()) {
            violations.add(new DomainException.Violation("homeStoreId", "is not a store"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var next = current.patched(patch, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        customers.save(next);
        return next;
    }
}
