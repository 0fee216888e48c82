package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.PickupCodes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The store confirms it has every line (or rejects the order), prepares it and marks it ready with a pickup code. */
public final class PreparingOrders {
    private final Catalog catalog;
    private final Orders orders;
    private final OrderAccess access;
    private final OrderClosing closing;
    private final PickupOptions options;
    private final OrderMessages messages;
    private final OrderPolicy policy;
    private final Clock clock;

    PreparingOrders(Catalog catalog, Orders orders, OrderAccess access, OrderClosing closing, PickupOptions options,
                    OrderMessages messages, OrderPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.access = access;
        this.closing = closing;
        this.options = options;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    public Order accept(Actor actor, String storeId, String id) {
        var order = access.atStore(actor, storeId, id);
        var accepted = order.moveTo(OrderStatus.ACCEPTED, now(), actor.id(), null);
        return access.write(Orders.Change.of(accepted, order.status()).event(OrderEvents.accepted(accepted)));
    }

    /** A line is missing after all: the customer is told, with the stores that have every line. */
    public Order reject(Actor actor, String storeId, String id, String reason) {
        var order = access.atStore(actor, storeId, id);
        var given = reason == null || reason.isBlank() ? "" : reason.strip();
        // the staff's own words, or nothing: a default in English would reach a French customer
        return closing.close(order, OrderStatus.REJECTED, actor.id(), given.isEmpty() ? "a line is missing" : given,
                OrderMessages.REJECTED, Map.of("reason", given, "alternatives", options.storesWithEverything(order)));
    }

    /** Prepared: a pickup code free among the store's open orders is issued and sent; the holding period runs. */
    public Order ready(Actor actor, String storeId, String id) {
        var order = access.atStore(actor, storeId, id);
        if (order.awaitsTransfer()) {
            throw new DomainException.InvalidState("order " + id + " waits for a transfer: receive it first");
        }
        var now = now();
        var store = catalog.store(storeId).orElseThrow();
        for (int attempt = 0; attempt < 5; attempt++) {
            var code = PickupCodes.next();
            var next = order.moveTo(OrderStatus.READY, now, actor.id(), null)
                    .with(code, now, now.plus(policy.holdingPeriod()));
            var result = orders.apply(Orders.Change.of(next, order.status()).claimCode(code)
                    .message(messages.message(OrderMessages.READY, next, store)).event(OrderEvents.ready(next)));
            if (result instanceof Orders.Outcome.Applied) return next;
            if (!(result instanceof Orders.Outcome.CodeTaken)) throw OrderAccess.changedMeanwhile(id);
        }
        throw new IllegalStateException("no free pickup code after 5 tries at " + storeId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
