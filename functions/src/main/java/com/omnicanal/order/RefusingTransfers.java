package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * A source cannot send a transfer it was asked for (the units are damaged, not where the stock said): in one write the
 * transfer is REFUSED with the reason, the source's hold released and counted as its rejection, and the lines routed
 * again at once, never back to a place that refused this order, the new source's units held and its transfer in its
 * queue with the routing decision. When no place is left, the order is rejected as when the pickup store cannot
 * prepare it: everything it holds released, the authorization voided, the customer told which stores have it all.
 * Nothing is lost either way.
 */
public final class RefusingTransfers {
    /** A refusal only fails when the order, the stock or a source's day moved at the same moment: route again. */
    private static final int ATTEMPTS = 4;

    private final Catalog catalog;
    private final Orders orders;
    private final Transfers transfers;
    private final PickupOptions options;
    private final OrderClosing closing;
    private final Clock clock;

    RefusingTransfers(Catalog catalog, Orders orders, Transfers transfers, PickupOptions options, OrderClosing closing,
                      Clock clock) {
        this.catalog = catalog;
        this.orders = orders;
        this.transfers = transfers;
        this.options = options;
        this.closing = closing;
        this.clock = clock;
    }

    public Transfer refuse(Actor actor, String location, String id, String reason) {
        if (reason == null || reason.isBlank()) throw new DomainException.InvalidInput("reason", "must not be blank");
        var given = reason.strip();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            MovingTransfers.place(catalog, actor, location);
            var transfer = store().find(id).filter(t -> t.fromLocation().equals(location))
                    .orElseThrow(() -> new DomainException.NotFound("no transfer " + id + " from " + location));
            if (transfer.status() != Transfer.Status.REQUESTED) {
                throw new DomainException.InvalidState("transfer " + id + " is " + transfer.status()
                        + ": only a requested transfer, not yet sent, can be refused");
            }
            var order = orders.find(transfer.orderId()).orElseThrow();
            if (!order.status().holdsStock()) throw changedMeanwhile(id);
            var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            var refused = transfer.moveTo(Transfer.Status.REFUSED, now, actor.id(), given);
            // the rejection filter: every place that refused this order; one transfer per order and source: the others
            var refusedBy = new HashSet<String>();
            var leftOut = new HashSet<String>();
            for (var other : store().ofOrder(order.id(), MovingTransfers.everyPlace(catalog))) {
                (other.status() == Transfer.Status.REFUSED ? refusedBy : leftOut).add(other.fromLocation());
            }
            refusedBy.add(location);
            leftOut.remove(location);
            var pickup = catalog.store(order.pickupStoreId()).orElseThrow();
            var needs = transfer.lines().stream().map(l -> new TransferSourcing.Need(l.sku(), l.quantity())).toList();
            var sourcing = options.sourceAgain(order.id(), needs, pickup, refusedBy, leftOut);
            if (sourcing.isEmpty()) {
                // nobody else can send it: the customer is not left waiting on a promise nobody keeps
                var closed = closing.closeUnlessMoved(order, OrderStatus.REJECTED, "routing",
                        "no place can send " + String.join(", ", skus(needs)) + " to " + pickup.name(),
                        OrderMessages.REJECTED, Map.of("reason", "", "alternatives", options.storesWithEverything(order)),
                        change -> change.refused(refused));
                if (closed.isPresent()) return refused;
                continue;
            }
            var moved = order.lines().stream().map(l -> l.heldAt().equals(location) && transfer.units(l.sku()) > 0
                    ? l.at(sourcing.get().sourceBySku().get(l.sku())) : l).toList();
            var requested = ChoosingPickupOptions.transfersOf(order.id(), moved.stream()
                    .filter(l -> transfer.units(l.sku()) > 0).toList(), pickup.id(), sourcing.get(), now);
            var next = order.withLines(moved, now, "routing", "now sent from " + String.join(", ",
                    requested.stream().map(t -> MovingTransfers.placeName(catalog, t.fromLocation())).toList()));
            var result = orders.apply(Orders.Change.of(next, order.status()).transfers(requested).refused(refused));
            if (result instanceof Orders.Outcome.Applied) return refused;
            // the order, the stock or the new source's day moved meanwhile: read again and route again
        }
        throw changedMeanwhile(id);
    }

    private static List<String> skus(List<TransferSourcing.Need> needs) {
        return needs.stream().map(TransferSourcing.Need::sku).toList();
    }

    private Transfers store() {
        if (transfers == null) throw new IllegalStateException("transfers are not wired in this deployment");
        return transfers;
    }

    private static DomainException changedMeanwhile(String id) {
        return new DomainException.InvalidState("transfer " + id + " or its order changed meanwhile; read it again");
    }
}
