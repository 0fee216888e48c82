package com.omnicanal.catalog;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Ops open a store or change it (address, hours, services...): it is written whole, as given. */
public final class ManagingStores {
    private final StoreRegister stores;
    private final Clock clock;

    public ManagingStores(StoreRegister stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** The store as saved, and whether it is new. */
    public record Saved(Store store, boolean created) {
    }

    public Saved put(Actor actor, Store store) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops change stores");
        boolean created = stores.save(store, actor.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return new Saved(store, created);
    }
}
