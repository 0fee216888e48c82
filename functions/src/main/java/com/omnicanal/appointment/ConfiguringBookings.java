package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;

/**
 * Staff of a store (or ops) say what can be booked there: appointment types, advisors with their week and its
 * exceptions, shared resources with their capacity. A change applies to bookings made after it; those made before
 * keep the time they took.
 */
public final class ConfiguringBookings {
    private final Catalog catalog;
    private final BookingSetup setup;

    ConfiguringBookings(Catalog catalog, BookingSetup setup) {
        this.catalog = catalog;
        this.setup = setup;
    }

    public BookingSetup.StoreSetup setup(Actor actor, String storeId) {
        allowed(actor, storeId);
        return setup.of(storeId);
    }

    /** Its advisors and resources must be the store's own. */
    public AppointmentType save(Actor actor, AppointmentType type) {
        allowed(actor, type.storeId());
        var current = setup.of(type.storeId());
        var violations = new java.util.ArrayList<DomainException.Violation>();
        for (int i = 0; i < type.advisorIds().size(); i++) {
            if (current.advisor(type.advisorIds().get(i)).isEmpty()) {
                violations.add(new DomainException.Violation("advisorIds[" + i + "]", "is no advisor of this store"));
            }
        }
        for (int i = 0; i < type.resourceIds().size(); i++) {
            if (current.resource(type.resourceIds().get(i)).isEmpty()) {
                violations.add(new DomainException.Violation("resourceIds[" + i + "]", "is no resource of this store"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        setup.save(type);
        return type;
    }

    public Advisor save(Actor actor, Advisor advisor) {
        allowed(actor, advisor.storeId());
        setup.save(advisor);
        return advisor;
    }

    public Resource save(Actor actor, Resource resource) {
        allowed(actor, resource.storeId());
        setup.save(resource);
        return resource;
    }

    private void allowed(Actor actor, String storeId) {
        actor.requireStore(storeId);
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
    }
}
