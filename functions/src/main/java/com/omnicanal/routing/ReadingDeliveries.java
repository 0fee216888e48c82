package com.omnicanal.routing;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.util.List;

/** A delivery order with its shipments, for its customer (one, or their list) or ops; and for ops, why it went where it went. */
public final class ReadingDeliveries {
    private final Deliveries deliveries;

    ReadingDeliveries(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    public record OrderWithShipments(DeliveryOrder order, List<Shipment> shipments) {
    }

    public OrderWithShipments get(Actor actor, String id) {
        var order = deliveries.find(id)
                .filter(o -> actor.role() == Actor.Role.OPS || (actor.isCustomer() && o.customerId().equals(actor.id()))
                        || (actor.role() == Actor.Role.STAFF && o.soldBy() != null && actor.worksFor(o.soldBy().storeId())))
                .orElseThrow(() -> new DomainException.NotFound("no delivery order " + id));
        return shown(order, deliveries.shipments(id));
    }

    /** The caller's own delivery orders, newest first, 20 a page (a merged walk-in's are the survivor's by then). */
    public Page<OrderWithShipments> mine(Actor actor, String cursor) {
        if (!actor.isCustomer()) throw new DomainException.Forbidden("customers list their own delivery orders");
        var page = deliveries.byCustomer(actor.id(), cursor, 20);
        var shipments = deliveries.shipmentsOf(page.items());
        return new Page<>(page.items().stream().map(o -> shown(o, shipments.getOrDefault(o.id(), List.of()))).toList(),
                page.nextCursor());
    }

    private static OrderWithShipments shown(DeliveryOrder order, List<Shipment> shipments) {
        var live = shipments.stream().filter(s -> !s.status().closedUnshipped()).toList();
        // shipped once every parcel left and nothing waits: told by its shipments, not written again on the order
        if (order.status() == DeliveryOrder.Status.IN_FULFILMENT && !live.isEmpty()
                && live.stream().allMatch(s -> s.status() == Shipment.Status.HANDED_OVER)) {
            order = order.with(DeliveryOrder.Status.SHIPPED, order.waiting(), order.updatedAt());
        }
        return new OrderWithShipments(order, shipments);
    }

    /** Every routing decision taken for the order, first first: for ops only. */
    public List<Deliveries.StoredDecision> routing(Actor actor, String id) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops read routing decisions");
        deliveries.find(id).orElseThrow(() -> new DomainException.NotFound("no delivery order " + id));
        return deliveries.decisions(id);
    }
}
