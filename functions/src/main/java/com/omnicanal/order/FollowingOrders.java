package com.omnicanal.order;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.Page;

/** A customer follows their orders; staff look one up (their store's only). */
public final class FollowingOrders {
    private final Orders orders;
    private final OrderAccess access;

    FollowingOrders(Orders orders, OrderAccess access) {
        this.orders = orders;
        this.access = access;
    }

    public Order get(Actor actor, String id) {
        return access.seenBy(actor, id);
    }

    public Page<Order> mine(Actor actor, String cursor) {
        return orders.byCustomer(actor.id(), cursor, 20);
    }
}
