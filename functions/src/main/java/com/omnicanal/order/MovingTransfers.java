package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Transfers move: the source's staff see what they must send and dispatch it with a reference (the units leave the
 * source and show in transit at the pickup store); the pickup store's staff receive it (the units enter its stock held
 * for the order, or on sale if the order closed on the way). The customer is told when the goods leave and arrive.
 * A transfer received twice changes nothing the second time.
 */
public final class MovingTransfers {
    /** A move only fails when the order moved at the same moment (accepted, cancelled): read both again, this often. */
    private static final int ATTEMPTS = 4;
    static final String SENT = "ORDER_TRANSFER_SENT";
    static final String ARRIVED = "ORDER_TRANSFER_ARRIVED";

    private final Catalog catalog;
    private final Orders orders;
    private final Transfers transfers;
    private final OrderMessages messages;
    private final Clock clock;

    MovingTransfers(Catalog catalog, Orders orders, Transfers transfers, OrderMessages messages, Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.transfers = transfers;
        this.messages = messages;
        this.clock = clock;
    }

    /** A place's transfers in one status, oldest first: REQUESTED (to send, the default) at the source, DISPATCHED (to receive) or RECEIVED at the pickup store. */
    public List<Transfer> queue(Actor actor, String location, String status) {
        place(actor, location);
        Transfer.Status wanted;
        try {
            wanted = status == null || status.isBlank() ? Transfer.Status.REQUESTED
                    : Transfer.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("status", "is not a transfer status");
        }
        return store().queue(location, wanted, 100);
    }

    /** Sent by the source with its reference: sold at the source, in transit at the pickup store; the customer is told. */
    public Transfer dispatch(Actor actor, String location, String id, String reference) {
        if (reference == null || reference.isBlank()) throw new DomainException.InvalidInput("reference", "must not be blank");
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            place(actor, location);
            var transfer = store().find(id).filter(t -> t.fromLocation().equals(location))
                    .orElseThrow(() -> new DomainException.NotFound("no transfer " + id + " from " + location));
            var now = now();
            var next = transfer.dispatched(reference.strip(), now, actor.id());
            var order = orders.find(transfer.orderId()).orElseThrow();
            var sent = order.withLines(moved(order, transfer, transfer.fromLocation(), Order.IN_TRANSIT), now, actor.id(),
                    "sent from " + placeName(transfer.fromLocation()));
            var pickup = catalog.store(order.pickupStoreId()).orElseThrow();
            var message = messages.message(SENT, SENT + "#" + transfer.id(), sent, messages.data(sent, pickup));
            if (store().move(next, Transfer.Status.REQUESTED, order, sent, List.of(message))) return next;
        }
        throw changedMeanwhile(id);
    }

    /**
     * Received at the pickup store: out of transit into its stock, held for the order and the order goes on (the
     * customer is told), or on sale when the order closed on the way. Received already: nothing changes.
     */
    public Transfer receive(Actor actor, String storeId, String id) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            var store = place(actor, storeId);
            var transfer = store().find(id).filter(t -> t.toStoreId().equals(storeId))
                    .orElseThrow(() -> new DomainException.NotFound("no transfer " + id + " to " + storeId));
            if (transfer.status() == Transfer.Status.RECEIVED) return transfer;
            if (transfer.status() != Transfer.Status.DISPATCHED) {
                throw new DomainException.InvalidState("transfer " + id + " is " + transfer.status() + ": nothing to receive");
            }
            var now = now();
            var order = orders.find(transfer.orderId()).orElseThrow();
            boolean open = order.status().holdsStock();
            var next = transfer.moveTo(Transfer.Status.RECEIVED, now, actor.id(), open ? null : "on sale: order " + order.status());
            Order arrived = null;
            var said = new ArrayList<com.omnicanal.outbox.OutboxMessage>();
            if (open) {
                arrived = order.withLines(moved(order, transfer, Order.IN_TRANSIT, order.pickupStoreId()), now, actor.id(),
                        "received from " + placeName(transfer.fromLocation()));
                said.add(messages.message(ARRIVED, ARRIVED + "#" + transfer.id(), arrived,
                        messages.data(arrived, store == null ? catalog.store(storeId).orElseThrow() : store)));
            }
            if (store().move(next, Transfer.Status.DISPATCHED, open ? order : null, arrived, said)) return next;
        }
        throw changedMeanwhile(id);
    }

    /** An order's transfers with why routing chose each source: for ops only. */
    public List<Transfer> ofOrder(Actor actor, String orderId) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops read an order's transfers");
        orders.find(orderId).orElseThrow(() -> new DomainException.NotFound("no order " + orderId));
        return store().ofOrder(orderId, everyPlace(catalog));
    }

    /** Every place a transfer can come from: the web warehouse and every store. */
    static List<String> everyPlace(Catalog catalog) {
        var places = new ArrayList<String>();
        places.add(StockLevel.WEB);
        catalog.stores().forEach(s -> places.add(s.id()));
        return places;
    }

    /** The order's lines, those of the transfer moved from one place to the other. */
    private static List<Order.Line> moved(Order order, Transfer transfer, String from, String to) {
        return order.lines().stream()
                .map(l -> transfer.units(l.sku()) > 0 && l.heldAt().equals(from) ? l.at(to) : l).toList();
    }

    private Store place(Actor actor, String location) {
        return place(catalog, actor, location);
    }

    /** The store (null for the web warehouse), for its own staff or ops. */
    static Store place(Catalog catalog, Actor actor, String location) {
        Store store = null;
        if (!StockLevel.WEB.equals(location)) {
            store = catalog.store(location).orElseThrow(() -> new DomainException.NotFound("no place " + location));
        }
        actor.requireStore(location);
        return store;
    }

    private String placeName(String location) {
        return placeName(catalog, location);
    }

    static String placeName(Catalog catalog, String location) {
        return catalog.store(location).map(Store::name).orElse("the web warehouse");
    }

    private Transfers store() {
        if (transfers == null) throw new IllegalStateException("transfers are not wired in this deployment");
        return transfers;
    }

    private static DomainException changedMeanwhile(String id) {
        return new DomainException.InvalidState("transfer " + id + " or its order changed meanwhile; read it again");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
