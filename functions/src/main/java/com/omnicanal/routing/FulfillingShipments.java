package com.omnicanal.routing;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A place works its queue of shipments: accepts or rejects each, picks, packs and hands it to the carrier. A rejection
 * releases the units and routes the lines again at once, never to a place that rejected the order: nothing is lost.
 * The customer is told when a parcel is being prepared and when it leaves (with its tracking reference); its share of
 * the payment is captured at the hand-over, where the sale is complete: a business event credits its seller.
 */
public final class FulfillingShipments {
    /** Two shipments of one order leaving at once: the one that did not mark the order first tries once more. */
    private static final int HAND_OVER_ATTEMPTS = 3;
    private final Deliveries deliveries;
    private final ShippingPlaces places;
    private final ShipmentPlanning planning;
    private final Clock clock;

    FulfillingShipments(Deliveries deliveries, ShippingPlaces places, ShipmentPlanning planning, Clock clock) {
        this.deliveries = deliveries;
        this.places = places;
        this.planning = planning;
        this.clock = clock;
    }

    /** A place's shipments in one status ({@code OFFERED} by default), oldest first: its staff's, or ops'. */
    public List<Shipment> queue(Actor actor, String locationId, String status) {
        place(actor, locationId);
        Shipment.Status wanted;
        try {
            wanted = status == null || status.isBlank() ? Shipment.Status.OFFERED
                    : Shipment.Status.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("status", "is not a shipment status");
        }
        return deliveries.queue(locationId, wanted, 100);
    }

    public Shipment accept(Actor actor, String locationId, String id) {
        var shipment = at(actor, locationId, id);
        var next = shipment.moveTo(Shipment.Status.ACCEPTED, now(), actor.id(), null);
        var order = deliveries.find(shipment.orderId()).orElseThrow();
        return write(next, shipment.status(), List.of(DeliveryMessages.preparing(order, next, now())), false, null);
    }

    public Shipment pick(Actor actor, String locationId, String id) {
        var shipment = at(actor, locationId, id);
        return write(shipment.moveTo(Shipment.Status.PICKED, now(), actor.id(), null), shipment.status(), List.of(), false,
                null);
    }

    public Shipment pack(Actor actor, String locationId, String id) {
        var shipment = at(actor, locationId, id);
        return write(shipment.moveTo(Shipment.Status.PACKED, now(), actor.id(), null), shipment.status(), List.of(), false,
                null);
    }

    /** Handed to the carrier: the units leave the stock, the share is captured, the customer gets the tracking reference. */
    public Shipment handOver(Actor actor, String locationId, String id, String carrier, String trackingRef) {
        if (carrier == null || carrier.isBlank()) throw new DomainException.InvalidInput("carrier", "must not be blank");
        if (trackingRef == null || trackingRef.isBlank()) {
            throw new DomainException.InvalidInput("trackingRef", "must not be blank");
        }
        for (int attempt = 1; attempt <= HAND_OVER_ATTEMPTS; attempt++) {
            var shipment = at(actor, locationId, id);
            var next = shipment.handedTo(carrier.strip(), trackingRef.strip(), now(), actor.id());
            var order = deliveries.find(shipment.orderId()).orElseThrow();
            var sold = new BusinessEvent.ShipmentHandedOver(next.id(), order.id(),
                    StockLevel.WEB.equals(locationId) ? null : locationId,
                    next.lines().stream().map(RoutingRequest.Line::sku).collect(Collectors.toSet()), sale(order, next),
                    !deliveries.handedOverBefore(order.id()), next.updatedAt());
            if (deliveries.handOver(next, List.of(DeliveryMessages.shipped(order, next, now())),
                    order.paymentAuthorization(), sold)) {
                return next;
            }
            // another shipment of the order left first, or this one moved: read again (a moved one is refused then)
        }
        throw new DomainException.InvalidState("shipment " + id + " changed meanwhile; read it again");
    }

    /** The store accounting report credits the seller (none: online) with the share captured at this hand-over. */
    private static BusinessEvent.Sale sale(DeliveryOrder order, Shipment shipment) {
        var seller = order.soldBy();
        return new BusinessEvent.Sale(seller == null ? null : seller.storeId(), seller == null ? null : seller.staffId(),
                shipment.amountCents());
    }

    /**
     * The place cannot ship it: the shipment closes, its units are released, and its lines are routed again in the same
     * transaction, to places that have not rejected this order (or they wait). The decision is kept with the reason.
     */
    public Shipment reject(Actor actor, String locationId, String id, String reason) {
        var given = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        for (int attempt = 1; attempt <= PlacingDeliveryOrders.ATTEMPTS; attempt++) {
            var shipment = at(actor, locationId, id);
            var now = now();
            var rejected = shipment.moveTo(Shipment.Status.REJECTED, now, actor.id(), given);
            var order = deliveries.find(shipment.orderId()).orElseThrow();
            var rejecting = new HashSet<String>();
            var others = deliveries.shipments(order.id()).stream().filter(s -> !s.id().equals(id)).toList();
            others.stream().filter(s -> s.status() == Shipment.Status.REJECTED).forEach(s -> rejecting.add(s.locationId()));
            rejecting.add(locationId);
            // the rejected parcel's share of the money goes to the parcels that take its lines over
            var plan = planning.plan(order, shipment.lines(), rejecting, destination(order), now, shipment.amountCents());
            var waiting = new java.util.ArrayList<>(order.waiting());
            waiting.addAll(plan.waiting());
            var next = order.with(waiting.isEmpty() ? DeliveryOrder.Status.IN_FULFILMENT : DeliveryOrder.Status.AWAITING_STOCK,
                    waiting, now).routed(plan.allocations().stream().map(Deliveries.Allocation::shipment).toList());
            var decision = new Deliveries.StoredDecision(order.id(), next.decisions(), now,
                    "rejected by " + locationId + ": " + given, plan.decision());
            String givenBack = null;
            if (order.discount() != null && plan.allocations().isEmpty()
                    && others.stream().allMatch(s -> s.status() == Shipment.Status.REJECTED)) {
                // nothing left to ship and nothing shipped: nothing will be paid, so the points code is usable again
                givenBack = order.discount().code();
                next = next.withDiscount(null);
            }
            var result = deliveries.apply(new Deliveries.Change(next, order.status(), plan.allocations(), rejected,
                    shipment.status(), decision, plan.day(), List.of(), null, givenBack));
            if (result instanceof Deliveries.Outcome.Applied) return rejected;
            // Contended: the order, the shipment or the stock moved meanwhile; read again and route again
        }
        throw new DomainException.InvalidState("shipment " + id + " changed meanwhile; read it again");
    }

    /** Where the parcels go, as at placing: the address's coordinates, else its département's centre. */
    static GeoPoint destination(DeliveryOrder order) {
        var a = order.address();
        if (a.latitude() != null && a.longitude() != null) return new GeoPoint(a.latitude(), a.longitude());
        return Departements.shipped().centreOf(a.postcode())
                .orElseThrow(() -> new IllegalStateException("order " + order.id() + " has an address routing cannot place"));
    }

    private void place(Actor actor, String locationId) {
        places.place(locationId).orElseThrow(() -> new DomainException.NotFound("no place " + locationId + " ships orders"));
        actor.requireStore(locationId);
    }

    private Shipment at(Actor actor, String locationId, String id) {
        place(actor, locationId);
        return deliveries.shipment(id).filter(s -> s.locationId().equals(locationId))
                .orElseThrow(() -> new DomainException.NotFound("no shipment " + id + " at " + locationId));
    }

    private Shipment write(Shipment next, Shipment.Status expected, List<com.omnicanal.outbox.OutboxMessage> messages,
                           boolean sell, String capture) {
        if (!deliveries.advance(next, expected, messages, sell, capture)) {
            throw new DomainException.InvalidState("shipment " + next.id() + " changed meanwhile; read it again");
        }
        return next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
