package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pickup store lacked a line: the customer picks one of the options offered, a transfer or another store. */
public final class ChoosingPickupOptions {
    private final Catalog catalog;
    private final Orders orders;
    private final OrderAccess access;
    private final OrderMessages messages;
    private final Clock clock;
    private final BusinessMetrics metrics;
    private final PickupOptions options;

    ChoosingPickupOptions(Catalog catalog, Orders orders, OrderAccess access, OrderMessages messages, Clock clock,
                          BusinessMetrics metrics, PickupOptions options) {
        this.options = options;
        this.catalog = catalog;
        this.orders = orders;
        this.access = access;
        this.messages = messages;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The order as answered, and whether it replays an earlier identical request. */
    public record Outcome(Order order, boolean replayed) {
    }

    /**
     * The order placed as the option says: its lines held where the option takes them from. The key is claimed with
     * the placing: its replay answers the first order again, even once the order has moved on.
     */
    public Outcome confirmOption(Actor actor, String id, String optionId, IdempotencyKey key) {
        // staff only for an order their store sold, with the customer in front of them; nobody else, seen or not
        if (!actor.isCustomer() && orders.find(id).filter(o -> OrderAccess.soldBy(actor, o)).isEmpty()) {
            throw new DomainException.Forbidden("the customer (or the staff who sold it) confirms an option");
        }
        var order = access.seenBy(actor, id);
        var claim = key.claimAt(now());
        if (order.status() != OrderStatus.AWAITING_CUSTOMER) {
            var earlier = orders.earlier(claim);
            if (earlier instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
            if (earlier instanceof Orders.Outcome.KeyReused) throw key.reused();
            throw new DomainException.InvalidState("order " + id + " is " + order.status() + ": no option to confirm");
        }
        var option = order.options().stream().filter(o -> o.id().equals(optionId)).findFirst()
                .orElseThrow(() -> new DomainException.InvalidInput("optionId", "is not one of the options offered"));
        var store = catalog.store(option.storeId()).orElseThrow();
        var now = now();
        var lines = order.lines().stream().map(l -> l.at(store.id())).toList();
        var transfers = List.<Transfer>of();
        if (option.kind() == PickupOption.Kind.TRANSFER) {
            // routed now, on the stock as it is now: the sources may differ from those the option showed
            var sourcing = options.sourceMissing(order.id(), order.lines(), store).orElseThrow(() ->
                    new DomainException.InvalidState("the option is no longer available: a line can no longer be "
                            + "transferred; place the order again to see fresh options"));
            lines = order.lines().stream().map(l -> l.at(sourcing.sourceBySku().getOrDefault(l.sku(), store.id()))).toList();
            transfers = transfersOf(order.id(), lines, store.id(), sourcing, now);
        }
        var placed = order.withOption(option, lines).moveTo(OrderStatus.PLACED, now, actor.id(),
                option.kind() == PickupOption.Kind.TRANSFER ? "transferred to " + store.name() : "moved to " + store.name());
        var result = orders.apply(Orders.Change.of(placed, OrderStatus.AWAITING_CUSTOMER)
                .stock(Orders.StockEffect.HOLD).message(messages.message(OrderMessages.PLACED, placed, store))
                .event(OrderEvents.placed(placed)).transfers(transfers).idempotency(claim));
        if (result instanceof Orders.Outcome.Replayed r) return new Outcome(r.order(), true);
        if (result instanceof Orders.Outcome.KeyReused) throw key.reused();
        if (result instanceof Orders.Outcome.AtCapacity) {
            throw new DomainException.InvalidState("the option is no longer available: a source had its day's "
                    + "capacity meanwhile; place the order again to see fresh options");
        }
        if (result instanceof Orders.Outcome.NotEnoughStock n) {
            throw new DomainException.InvalidState("the option is no longer available: " + n.sku()
                    + " ran out meanwhile; place the order again to see fresh options");
        }
        if (!(result instanceof Orders.Outcome.Applied)) throw OrderAccess.changedMeanwhile(id);
        // placed only now, at the store the customer chose
        metrics.count(BusinessMetrics.Figure.ORDERS_PLACED, store.id(), Map.of("orderId", id));
        return new Outcome(placed, false);
    }

    /** One transfer per source, of the lines held there, requested now. */
    static List<Transfer> transfersOf(String orderId, List<Order.Line> lines, String pickupStoreId,
                                      TransferSourcing.Sourcing sourcing, Instant now) {
        var bySource = new LinkedHashMap<String, List<Transfer.Line>>();
        for (var line : lines) {
            if (line.heldAt().equals(pickupStoreId)) continue;
            bySource.computeIfAbsent(line.heldAt(), s -> new ArrayList<>())
                    .add(new Transfer.Line(line.sku(), line.productName(), line.quantity()));
        }
        var transfers = new ArrayList<Transfer>();
        bySource.forEach((source, moved) -> transfers.add(new Transfer(Transfer.idOf(orderId, source), orderId, source,
                pickupStoreId, moved, Transfer.Status.REQUESTED, null, sourcing.safetyStockBySource().getOrDefault(source, 0),
                // requested by the order, not by the customer's id: the source's staff learn nothing of who ordered
                sourcing.decision(), now, now, List.of(new Transfer.Event(Transfer.Status.REQUESTED.name(), now, "order",
                null)), sourcing.capacityOf(source))));
        return transfers;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
