package com.omnicanal.order;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.util.Map;

/** An order is cancelled: by its customer before it is ready, by its store at any time it is open. */
public final class CancellingOrders {
    private final OrderAccess access;
    private final OrderClosing closing;

    CancellingOrders(OrderAccess access, OrderClosing closing) {
        this.access = access;
        this.closing = closing;
    }

    /** Before it is ready, the customer may cancel: the hold is released and the authorization voided. */
    public Order cancelByCustomer(Actor actor, String id) {
        var order = access.seenBy(actor, id);
        if (order.status() == OrderStatus.READY) {
            throw new DomainException.InvalidState("order " + id + " is ready: ask the store to cancel it");
        }
        return closing.close(order, OrderStatus.CANCELLED, actor.id(), "cancelled by the customer", OrderMessages.CANCELLED,
                Map.of("byStore", ""));
    }

    public Order cancelByStore(Actor actor, String storeId, String id) {
        return closing.close(access.atStore(actor, storeId, id), OrderStatus.CANCELLED, actor.id(), "cancelled by the store",
                OrderMessages.CANCELLED, Map.of("byStore", "yes"));
    }
}
