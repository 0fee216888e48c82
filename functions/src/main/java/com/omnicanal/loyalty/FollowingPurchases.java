package com.omnicanal.loyalty;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.Orders;
import com.omnicanal.routing.Deliveries;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessEvents;
import java.util.Map;

/**
 * What other channels tell loyalty through the outbox stream: a collected web order and each parcel of a delivery order
 * handed to the carrier earn (per line, on what was paid), a received return takes back the points of its units. The
 * stream delivers at least once: both are idempotent (the order's or the parcel's batch, the return's claim).
 */
public final class FollowingPurchases implements BusinessEvents {
    private final Catalog catalog;
    private final Orders orders;
    private final Deliveries deliveries;
    private final EarningPoints earning;
    private final ReversingPoints reversing;

    FollowingPurchases(Catalog catalog, Orders orders, Deliveries deliveries, EarningPoints earning,
                       ReversingPoints reversing) {
        this.catalog = catalog;
        this.orders = orders;
        this.deliveries = deliveries;
        this.earning = earning;
        this.reversing = reversing;
    }

    @Override
    public void happened(BusinessEvent event) {
        if (event instanceof BusinessEvent.OrderCollected collected) {
            // on the money paid: a points discount is spread over the lines, and its part earns nothing
            orders.find(collected.orderId()).ifPresent(order -> earning.earn(new Purchase(order.customerId(),
                    new Entry.Source("ORDER", order.id()), "WEB", order.pickupStoreId(), collected.at(),
                    order.lines().stream().map(l -> new Purchase.Line(l.sku(),
                            catalog.product(l.sku()).map(com.omnicanal.catalog.Product::category).orElse(null), l.quantity(),
                            order.paidBySku().get(l.sku()))).toList())));
        } else if (event instanceof BusinessEvent.ShipmentHandedOver shipped && deliveries != null) {
            earn(shipped);
        } else if (event instanceof BusinessEvent.ReturnReceived returned && returned.purchaseId() != null) {
            reversing.reverse(new ReversingPoints.ReturnedLines(returned.returnId(), returned.customerId(),
                    new Entry.Source(returned.purchaseKind(), returned.purchaseId()), returned.storeId(),
                    Map.copyOf(returned.units())));
        }
    }

    /**
     * A parcel earns on its own, when it leaves: its batch is the parcel's (a split order's parcels leave days apart, and
     * a return names the parcel its units came in), credited to the store that sold it (none: online). Guests earn nothing.
     */
    private void earn(BusinessEvent.ShipmentHandedOver shipped) {
        var order = deliveries.find(shipped.orderId()).orElse(null);
        var shipment = deliveries.shipment(shipped.shipmentId()).orElse(null);
        if (order == null || shipment == null || order.byGuest()) return;
        var paid = order.paidBySku(shipment);
        var lines = new java.util.LinkedHashMap<String, Integer>();
        shipment.lines().forEach(l -> lines.merge(l.sku(), l.quantity(), Integer::sum));
        earning.earn(new Purchase(order.customerId(), new Entry.Source(DELIVERY, shipment.id()), "WEB",
                shipped.sale().storeId(), shipped.at(), lines.entrySet().stream().map(l -> new Purchase.Line(l.getKey(),
                        catalog.product(l.getKey()).map(com.omnicanal.catalog.Product::category).orElse(null), l.getValue(),
                        paid.get(l.getKey()))).toList()));
    }

    /** The kind of source a delivered parcel earns under; a return of its units names it so. */
    public static final String DELIVERY = "DELIVERY";
}
