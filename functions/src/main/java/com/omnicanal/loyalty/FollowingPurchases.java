package com.omnicanal.loyalty;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.Orders;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessEvents;
import java.util.Map;

/**
 * What other channels tell loyalty through the outbox stream: a collected web order earns (per line, on what was paid),
 * a received return takes back the points of its units. The stream delivers at least once: both are idempotent (the
 * order's batch, the return's claim).
 */
public final class FollowingPurchases implements BusinessEvents {
    private final Catalog catalog;
    private final Orders orders;
    private final EarningPoints earning;
    private final ReversingPoints reversing;

    FollowingPurchases(Catalog catalog, Orders orders, EarningPoints earning, ReversingPoints reversing) {
        this.catalog = catalog;
        this.orders = orders;
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
        } else if (event instanceof BusinessEvent.ReturnReceived returned && returned.purchaseId() != null) {
            reversing.reverse(new ReversingPoints.ReturnedLines(returned.returnId(), returned.customerId(),
                    new Entry.Source(returned.purchaseKind(), returned.purchaseId()), returned.storeId(),
                    Map.copyOf(returned.units())));
        }
    }
}
