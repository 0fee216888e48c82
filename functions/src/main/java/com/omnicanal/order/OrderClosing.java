package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Ends an order (cancelled, rejected, expired): releases what it holds, frees its code, voids the authorization and
 * tells the customer ({@code said}: what that message says beyond the order).
 */
final class OrderClosing {
    private final Catalog catalog;
    private final Orders orders;
    private final OrderMessages messages;
    private final Clock clock;

    OrderClosing(Catalog catalog, Orders orders, OrderMessages messages, Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.messages = messages;
        this.clock = clock;
    }

    /** Closes the order, or refuses when someone moved it first. */
    Order close(Order order, OrderStatus status, String by, String note, String kind, Map<String, String> said) {
        return closeUnlessMoved(order, status, by, note, kind, said)
                .orElseThrow(() -> OrderAccess.changedMeanwhile(order.id()));
    }

    /** Closes the order; empty when someone moved it first (that change won). */
    Optional<Order> closeUnlessMoved(Order order, OrderStatus status, String by, String note, String kind,
                                     Map<String, String> said) {
        return closeUnlessMoved(order, status, by, note, kind, said, change -> change);
    }

    /** As above, with what else the same write does ({@code more}: a transfer refused with it). */
    Optional<Order> closeUnlessMoved(Order order, OrderStatus status, String by, String note, String kind,
                                     Map<String, String> said, java.util.function.UnaryOperator<Orders.Change> more) {
        var next = order.moveTo(status, now(), by, note);
        var store = catalog.store(order.pickupStoreId()).orElseThrow();
        var data = messages.data(next, store);
        data.putAll(said);
        var change = Orders.Change.of(next, order.status())
                .stock(order.status().holdsStock() ? Orders.StockEffect.RELEASE : Orders.StockEffect.NONE)
                .releaseCode(order.pickupCode())
                .message(messages.message(kind, kind + "#" + order.id(), next, data))
                .payment(new Orders.PaymentCommand(order.id(), "VOID", order.paymentAuthorization(), order.amountDueCents()))
                .event(OrderEvents.closed(order, next, next.updatedAt()));
        return orders.apply(more.apply(change)) instanceof Orders.Outcome.Applied ? Optional.of(next) : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
