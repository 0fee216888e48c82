package com.omnicanal.routing;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A delivery order is cancelled while no place has begun picking it: every live shipment is closed and leaves its
 * place's queue, its units are released, the points code comes back, the card's authorization is voided and the
 * customer is told, in one write. Its customer, ops, or the store that sold it (endless aisle) may cancel it; once a
 * parcel is picked the store has started preparing, and the order goes on whole (cancelling part of it is not offered).
 */
public final class CancellingDeliveryOrders {
    /** A shipment accepted between our read and our write: read again, the rule decides on what is there now. */
    static final int ATTEMPTS = 3;
    static final int REASON_MAX = 200;

    private final Deliveries deliveries;
    private final Clock clock;

    CancellingDeliveryOrders(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    public ReadingDeliveries.OrderWithShipments cancel(Actor actor, String id, String reason) {
        var note = note(actor, reason);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            var order = deliveries.find(id).filter(o -> mayCancel(actor, o))
                    .orElseThrow(() -> new DomainException.NotFound("no delivery order " + id));
            var shipments = deliveries.shipments(id);
            var refused = refusal(order, shipments);
            if (refused.isPresent()) throw new DomainException.InvalidState(refused.get());
            var now = now();
            var closed = new ArrayList<Deliveries.CancelledShipment>();
            var shown = new ArrayList<Shipment>();
            for (var shipment : shipments) {
                if (shipment.status().closedUnshipped()) {
                    shown.add(shipment);
                    continue;
                }
                var next = shipment.moveTo(Shipment.Status.CANCELLED, now, actor.id(), note);
                closed.add(new Deliveries.CancelledShipment(next, shipment.status()));
                shown.add(next);
            }
            var next = order.with(DeliveryOrder.Status.CANCELLED, order.waiting(), now);
            // nothing was paid: the points code paying part of it is usable again, as when a pickup order is cancelled
            var reward = order.discount() == null ? null : order.discount().code();
            if (deliveries.cancel(new Deliveries.Cancellation(next, order.status(), closed,
                    List.of(DeliveryMessages.cancelled(next, now)), reward))) {
                return new ReadingDeliveries.OrderWithShipments(next, shown);
            }
            // a shipment or the order moved meanwhile (accepted, picked, rejected, cancelled): read again
        }
        throw new DomainException.InvalidState("delivery order " + id + " changed meanwhile; read it again");
    }

    /**
     * Why the order cannot be cancelled as it stands, if it cannot: it is over, or a place began preparing a parcel
     * (picked, packed or handed to the carrier). Lines waiting for stock and parcels offered or accepted do not stop it.
     */
    static Optional<String> refusal(DeliveryOrder order, List<Shipment> shipments) {
        if (order.status() == DeliveryOrder.Status.CANCELLED) {
            return Optional.of("delivery order " + order.id() + " is already cancelled");
        }
        if (order.status() == DeliveryOrder.Status.SHIPPED) {
            return Optional.of("delivery order " + order.id() + " has shipped");
        }
        return shipments.stream().filter(s -> !s.status().closedUnshipped())
                .filter(s -> s.status() != Shipment.Status.OFFERED && s.status() != Shipment.Status.ACCEPTED).findFirst()
                .map(s -> "delivery order " + order.id() + " is being prepared (parcel " + s.id() + " is " + s.status()
                        + "): it can no longer be cancelled");
    }

    /** Its customer (never a guest's order), ops, or staff of the store that sold it; to anyone else it does not exist. */
    private static boolean mayCancel(Actor actor, DeliveryOrder order) {
        return switch (actor.role()) {
            case OPS -> true;
            case CUSTOMER -> !order.byGuest() && order.customerId().equals(actor.id());
            case STAFF -> order.soldBy() != null && actor.worksFor(order.soldBy().storeId());
        };
    }

    private static String note(Actor actor, String reason) {
        var by = switch (actor.role()) {
            case CUSTOMER -> "cancelled by the customer";
            case STAFF -> "cancelled by the store";
            case OPS -> "cancelled by customer service";
        };
        if (reason == null) return by;
        var given = reason.strip();
        // in characters as openapi.yaml counts them (code points), not UTF-16 units
        if (given.isEmpty() || given.codePointCount(0, given.length()) > REASON_MAX) {
            throw new DomainException.InvalidInput("reason", "is 1 to " + REASON_MAX + " characters when given");
        }
        return by + ": " + given;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
