package com.omnicanal.order.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.order.OrderService;
import java.util.function.Function;

/** Scheduled: order reminders, expiry of uncollected orders, and the payment commands they left. */
public final class OrderSweeper implements Function<ScheduledEvent, OrderService.Sweep> {
    private final OrderService orders;

    public OrderSweeper(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public OrderService.Sweep apply(ScheduledEvent event) {
        return orders.sweep();
    }
}
