package com.omnicanal.catalog;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Ops open a store or change it (address, coordinates, time zone, weekly hours, closures and holiday hours, services,
 * ready-time target): it is written whole, as given, and used at once by every journey that reads stores.
 */
public final class ManagingStores {
    private final StoreRegister stores;
    private final Clock clock;

    public ManagingStores(StoreRegister stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    /** A store as ops write it. openapi.yaml states its shape; this checks what it cannot say (Store#problems). */
    public record PutStore(Actor actor, Store store) {
        public PutStore {
            if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops change stores");
            var problems = store.problems();
            if (!problems.isEmpty()) {
                throw new DomainException.InvalidInput(problems.stream().map(p -> {
                    int space = p.indexOf(' ');
                    return new DomainException.Violation(p.substring(0, space), p.substring(space + 1));
                }).toList());
            }
        }
    }

    /** The store as saved, and whether it is new. */
    public record Saved(Store store, boolean created) {
    }

    public Saved put(PutStore command) {
        var store = command.store();
        boolean created = stores.save(store, command.actor().id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return new Saved(store, created);
    }
}
