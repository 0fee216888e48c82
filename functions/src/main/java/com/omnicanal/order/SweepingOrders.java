package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** Scheduled: reminders of ready orders, expiry of uncollected ones, and the payment commands orders left. */
public final class SweepingOrders {
    public static final String FIRST_REMINDER = "waited-24h";
    public static final String LAST_REMINDER = "before-expiry";

    private final Catalog catalog;
    private final Orders orders;
    private final Payments payments;
    private final OrderClosing closing;
    private final OrderMessages messages;
    private final OrderPolicy policy;
    private final Clock clock;
    private final StoreOrderQueue queue;
    private final BusinessMetrics metrics;

    SweepingOrders(Catalog catalog, Orders orders, Payments payments, OrderClosing closing, OrderMessages messages,
                   OrderPolicy policy, Clock clock, StoreOrderQueue queue, BusinessMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
        this.catalog = catalog;
        this.orders = orders;
        this.payments = payments;
        this.closing = closing;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Sweep(int reminders, int expired, int payments) {
    }

    /** Reminders, expiry and payment commands; each at most once, whoever runs the sweep. */
    public Sweep sweep() {
        var now = now();
        int reminders = 0;
        int expired = 0;
        for (var order : orders.ready(200)) {
            var store = catalog.store(order.pickupStoreId()).orElseThrow();
            if (!now.isBefore(order.expiresAt())) {
                if (closing.closeUnlessMoved(order, OrderStatus.EXPIRED, "system", "not collected in time",
                        OrderMessages.EXPIRED, Map.of()).isPresent()) {
                    expired++;
                }
                continue;
            }
            if (!now.isBefore(order.expiresAt().minus(policy.lastReminderBefore()))
                    && !order.reminders().contains(LAST_REMINDER)) {
                if (remind(order, store, LAST_REMINDER)) reminders++;
            } else if (!now.isBefore(order.readyAt().plus(policy.firstReminderAfter()))
                    && !order.reminders().contains(FIRST_REMINDER)) {
                if (remind(order, store, FIRST_REMINDER)) reminders++;
            }
        }
        int paid = 0;
        for (var command : orders.pendingPayments(100)) {
            if (command.action().equals("CAPTURE")) {
                payments.capture(command.authorization(), command.amountCents(), command.orderId());
            } else {
                payments.voidAuthorization(command.authorization(), command.orderId());
            }
            orders.paymentDone(command, now);
            paid++;
        }
        storeLevels(now);
        return new Sweep(reminders, expired, paid);
    }

    /**
     * Every store's late orders (0 too: an alarm needs the series), and how many stores are open now: ops' alarm on
     * "no order for an hour" holds only while a store is open. Read every sweep (5 minutes), whatever happened.
     */
    private void storeLevels(Instant now) {
        int open = 0;
        for (var store : catalog.stores()) {
            if (store.openAt(now)) open++;
            metrics.record(BusinessMetrics.Figure.LATE_ORDERS, queue.lateAt(store.id(), now), store.id(), Map.of());
        }
        metrics.record(BusinessMetrics.Figure.STORES_OPEN, open, null, Map.of());
    }

    private boolean remind(Order order, Store store, String which) {
        var next = order.withReminder(which);
        var data = messages.data(next, store);
        data.put("reminder", which);
        var message = messages.message(OrderMessages.REMINDER, OrderMessages.REMINDER + "#" + which + "#" + order.id(),
                next, data);
        return orders.apply(Orders.Change.of(next, OrderStatus.READY).message(message).reminder(which))
                instanceof Orders.Outcome.Applied;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
