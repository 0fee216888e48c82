package com.omnicanal.order;

import com.omnicanal.shared.BusinessEvent;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

/** The business events of an order's life, written with the change they describe (the KPIs count them). */
final class OrderEvents {
    private OrderEvents() {
    }

    static BusinessEvent placed(Order placed) {
        return new BusinessEvent.OrderPlaced(placed.id(), placed.customerId(), placed.pickupStoreId(), skus(placed),
                placed.updatedAt(), soldAt(placed));
    }

    static BusinessEvent accepted(Order accepted) {
        return new BusinessEvent.OrderAccepted(accepted.id(), accepted.customerId(), accepted.pickupStoreId(),
                skus(accepted), accepted.updatedAt(), soldAt(accepted));
    }

    /** Time to ready runs from the moment stock was held (placed), not from a wait for the customer's choice. */
    static BusinessEvent ready(Order ready) {
        var placedAt = ready.timeline().stream().filter(e -> OrderStatus.PLACED.name().equals(e.status()))
                .map(Order.Event::at).reduce((first, second) -> second).orElse(ready.createdAt());
        return new BusinessEvent.OrderReady(ready.id(), ready.customerId(), ready.pickupStoreId(), skus(ready), placedAt,
                ready.readyBy(), ready.readyAt(), soldAt(ready));
    }

    /** Rejected, or expired after it was ready; null for an end the KPIs do not count (cancelled, never placed). */
    static BusinessEvent closed(Order before, Order closed, Instant at) {
        if (closed.status() == OrderStatus.REJECTED) {
            return new BusinessEvent.OrderRejected(closed.id(), closed.customerId(), closed.pickupStoreId(), skus(closed), at,
                    soldAt(closed));
        }
        if (closed.status() == OrderStatus.EXPIRED && before.status() == OrderStatus.READY) {
            return new BusinessEvent.OrderExpired(closed.id(), closed.customerId(), closed.pickupStoreId(), skus(closed), at,
                    soldAt(closed));
        }
        return null;
    }

    /** The store that sold it for its customer (the endless aisle): the KPIs count it in the store channel. */
    private static String soldAt(Order order) {
        return order.soldBy() == null ? null : order.soldBy().storeId();
    }

    private static Set<String> skus(Order order) {
        return order.lines().stream().map(Order.Line::sku).collect(Collectors.toSet());
    }
}
