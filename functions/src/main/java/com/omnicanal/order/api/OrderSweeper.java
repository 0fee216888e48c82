package com.omnicanal.order.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.order.SweepingOrders;
import java.util.function.Function;

/** Scheduled: order reminders, expiry of uncollected orders, and the payment commands they left. */
public final class OrderSweeper implements Function<ScheduledEvent, SweepingOrders.Sweep> {
    private final SweepingOrders orders;

    public OrderSweeper(SweepingOrders orders) {
        this.orders = orders;
    }

    @Override
    public SweepingOrders.Sweep apply(ScheduledEvent event) {
        return orders.sweep();
    }
}
