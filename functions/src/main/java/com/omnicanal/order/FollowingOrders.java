package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** A customer follows their orders; staff look one up (their store's only). */
public final class FollowingOrders {
    /** What a customer follows: a refused transfer was routed again (its successor shows), a cancelled one closed with the order. */
    private static final Set<Transfer.Status> FOLLOWED = Set.of(Transfer.Status.REQUESTED, Transfer.Status.DISPATCHED,
            Transfer.Status.RECEIVED);

    private final Orders orders;
    private final OrderAccess access;
    private final Catalog catalog;
    private final Transfers transfers;

    FollowingOrders(Orders orders, OrderAccess access, Catalog catalog, Transfers transfers) {
        this.orders = orders;
        this.access = access;
        this.catalog = catalog;
        this.transfers = transfers;
    }

    /**
     * A transfer as its customer follows it: where it comes from (a store's name or the web warehouse), its reference
     * once sent, and when each step happened; never who moved it nor why a source refused.
     */
    public record TransferProgress(String status, String fromLocation, String fromName, String reference, Instant requestedAt,
                                   Instant dispatchedAt, Instant receivedAt) {
        static TransferProgress of(Transfer t, Catalog catalog) {
            return new TransferProgress(t.status().name(), t.fromLocation(), MovingTransfers.placeName(catalog, t.fromLocation()),
                    t.status() == Transfer.Status.REQUESTED ? null : t.reference(), t.createdAt(),
                    at(t, Transfer.Status.DISPATCHED), at(t, Transfer.Status.RECEIVED));
        }

        private static Instant at(Transfer t, Transfer.Status status) {
            return t.timeline().stream().filter(e -> e.status().equals(status.name())).map(Transfer.Event::at)
                    .reduce((first, last) -> last).orElse(null);
        }
    }

    public Order get(Actor actor, String id) {
        return access.seenBy(actor, id);
    }

    public Page<Order> mine(Actor actor, String cursor) {
        return orders.byCustomer(actor.id(), cursor, 20);
    }

    /**
     * The transfers of an order its customer follows, oldest first: one batch read of the places it can come from;
     * null for anyone else or where transfers are not wired.
     */
    public List<TransferProgress> transfersSeenBy(Actor actor, Order order) {
        if (transfers == null || !actor.isCustomer() || !order.customerId().equals(actor.id())) return null;
        return transfers.ofOrder(order.id(), MovingTransfers.everyPlace(catalog)).stream()
                .filter(t -> FOLLOWED.contains(t.status()))
                .sorted(java.util.Comparator.comparing(Transfer::createdAt))
                .map(t -> TransferProgress.of(t, catalog)).toList();
    }
}
