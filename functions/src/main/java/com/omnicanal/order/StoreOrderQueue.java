package com.omnicanal.order;

import com.omnicanal.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/** A store's orders, oldest first, with the time left to the ready target and how many are late. */
public final class StoreOrderQueue {
    private final Orders orders;
    private final OrderAccess access;
    private final Clock clock;

    StoreOrderQueue(Orders orders, OrderAccess access, Clock clock) {
        this.orders = orders;
        this.access = access;
        this.clock = clock;
    }

    /** A page of the queue, with how many of the store's orders are past their ready target. */
    public record Queue(List<QueuedOrder> items, String nextCursor, int late) {
    }

    public record QueuedOrder(Order order, long minutesLeft, boolean late) {
    }

    /** {@code status}: one of openapi.yaml's order statuses, in either case; null or blank for all. */
    public Queue forStore(Actor actor, String storeId, String status, String cursor) {
        access.store(actor, storeId);
        var wanted = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> OrderStatus.valueOf(s.toUpperCase()));
        var now = now();
        var page = orders.byStore(storeId, wanted, cursor, 50);
        var items = page.items().stream().map(o -> queued(o, now)).toList();
        return new Queue(items, page.nextCursor(), lateAt(storeId, now));
    }

    /** How many of the store's orders, placed or accepted, are past their ready target. */
    int lateAt(String storeId, Instant now) {
        int late = 0;
        for (var open : List.of(OrderStatus.PLACED, OrderStatus.ACCEPTED)) {
            String next = null;
            do {
                var p = orders.byStore(storeId, Optional.of(open), next, 100);
                late += (int) p.items().stream().filter(o -> queued(o, now).late()).count();
                next = p.nextCursor();
            } while (next != null);
        }
        return late;
    }

    private static QueuedOrder queued(Order order, Instant now) {
        boolean waiting = order.status() == OrderStatus.PLACED || order.status() == OrderStatus.ACCEPTED;
        long left = order.readyBy() == null ? 0 : ChronoUnit.MINUTES.between(now, order.readyBy());
        return new QueuedOrder(order, left, waiting && left < 0);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
