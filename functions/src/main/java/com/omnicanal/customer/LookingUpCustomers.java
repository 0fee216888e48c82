package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What staff see of the customer in front of them: names, card, loyalty balance and tier, and what is open at their
 * store; every look is recorded.
 */
public final class LookingUpCustomers {
    private static final Set<String> OPEN = Set.of("HELD", "PLACED", "ACCEPTED", "READY", "AWAITING_CUSTOMER");

    private final Catalog catalog;
    private final Customers customers;
    private final CustomerHistory history;
    private final Clock clock;
    private final LoyaltyStandings loyalty;

    public LookingUpCustomers(Catalog catalog, Customers customers, CustomerHistory history, Clock clock) {
        this(catalog, customers, history, clock, LoyaltyStandings.NONE);
    }

    public LookingUpCustomers(Catalog catalog, Customers customers, CustomerHistory history, Clock clock,
                              LoyaltyStandings loyalty) {
        this.catalog = catalog;
        this.customers = customers;
        this.history = history;
        this.clock = clock;
        this.loyalty = loyalty;
    }

    public Map<String, Object> lookup(Actor actor, String storeId, CustomerLookup by) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        var kind = by.kind();
        var identity = customers.identity(kind, IdentityValues.normalize(kind, by.typed()))
                .orElseThrow(() -> new DomainException.NotFound("no customer with this " + IdentityValues.field(kind)));
        var profile = customers.profile(identity.customerId()).orElseThrow(() -> new DomainException.NotFound("no customer"));
        if (!customers.recordAccess(profile.id(), storeId, actor.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS))) {
            throw new DomainException.NotFound("no customer with this " + IdentityValues.field(kind));
        }
        var open = history.timeline(profile.id(), null, 100).stream()
                .filter(e -> storeId.equals(e.storeId()))
                .filter(e -> OPEN.contains(e.status()))
                .toList();
        var view = new LinkedHashMap<String, Object>();
        view.put("customerId", profile.id());
        view.put("firstName", profile.firstName());
        view.put("lastName", profile.lastName());
        view.put("loyaltyCard", profile.loyaltyCard());
        view.put("openAtThisStore", open);
        // the points and tier the till can use or mention, from the loyalty ledger
        loyalty.standing(profile.id()).ifPresent(standing -> view.put("loyalty", standing));
        return view;
    }
}
