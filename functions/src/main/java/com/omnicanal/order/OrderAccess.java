package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;

/** Which order a caller may act on (a customer their own, staff their store's), and the write of its next state. */
final class OrderAccess {
    private final Catalog catalog;
    private final Orders orders;

    OrderAccess(Catalog catalog, Orders orders) {
        this.catalog = catalog;
        this.orders = orders;
    }

    /** The order, for its customer, its store's staff or the staff who sold it; to anyone else it does not exist. */
    Order seenBy(Actor actor, String id) {
        return orders.find(id).filter(o -> actor.isCustomer() ? o.customerId().equals(actor.id())
                        : actor.worksFor(o.pickupStoreId()) || soldBy(actor, o))
                .orElseThrow(() -> new DomainException.NotFound("no order " + id));
    }

    /** Staff of the store that sold it in store, for the customer in front of them. */
    static boolean soldBy(Actor actor, Order order) {
        return actor.role() == Actor.Role.STAFF && order.soldBy() != null && actor.worksFor(order.soldBy().storeId());
    }

    /** The store, for its own staff. */
    Store store(Actor actor, String storeId) {
        var store = catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        return store;
    }

    /** An order to be collected at this store, for the store's staff. */
    Order atStore(Actor actor, String storeId, String id) {
        store(actor, storeId);
        return orders.find(id).filter(o -> o.pickupStoreId().equals(storeId))
                .orElseThrow(() -> new DomainException.NotFound("no order " + id + " at store " + storeId));
    }

    /** Writes the change, unless someone moved the order first. */
    Order write(Orders.Change change) {
        if (!(orders.apply(change) instanceof Orders.Outcome.Applied)) throw changedMeanwhile(change.next().id());
        return change.next();
    }

    static DomainException changedMeanwhile(String id) {
        return new DomainException.InvalidState("order " + id + " changed meanwhile; read it again");
    }
}
