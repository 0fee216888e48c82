package com.omnicanal.routing;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parcel of a delivery order, shipped by one place: offered to its queue, accepted or rejected, picked, packed and
 * handed to the carrier with a tracking reference. Its units are held at that place from the offer on.
 */
public record Shipment(String id, String orderId, String customerId, String locationId, Candidate.Kind kind,
                       List<RoutingRequest.Line> lines, int amountCents, Status status, String carrier,
                       String trackingRef, Instant createdAt, Instant updatedAt, List<Event> timeline) {

    public enum Status {
        OFFERED, ACCEPTED, PICKED, PACKED, HANDED_OVER, REJECTED,
        /** Its order was cancelled before the place began picking it: it holds nothing and leaves the queue. */
        CANCELLED;

        private static final Map<Status, Set<Status>> MOVES = Map.of(
                OFFERED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED),
                ACCEPTED, EnumSet.of(PICKED, REJECTED, CANCELLED),
                PICKED, EnumSet.of(PACKED, REJECTED),
                PACKED, EnumSet.of(HANDED_OVER),
                HANDED_OVER, EnumSet.noneOf(Status.class),
                REJECTED, EnumSet.noneOf(Status.class),
                CANCELLED, EnumSet.noneOf(Status.class));

        public boolean canMoveTo(Status next) {
            return MOVES.get(this).contains(next);
        }

        /** Units are held at the place in these states. */
        public boolean holdsStock() {
            return this != HANDED_OVER && this != REJECTED && this != CANCELLED;
        }

        /** Closed unshipped (rejected by its place, or cancelled with its order): it ships nothing and counts for nothing. */
        public boolean closedUnshipped() {
            return this == REJECTED || this == CANCELLED;
        }
    }

    public record Event(String status, Instant at, String by, String note) {
        /** The event as the customer sees it: who acted as a role, never a staff id, and never why a store refused. */
        public Event toCustomer(String customerId) {
            return new Event(status, at, com.omnicanal.shared.ActingRole.of(customerId, by),
                    Status.REJECTED.name().equals(status) ? null : note);
        }
    }

    /** The shipment as its customer sees it (see {@link Event#toCustomer}). */
    public Shipment toCustomer() {
        return new Shipment(id, orderId, customerId, locationId, kind, lines, amountCents, status, carrier, trackingRef,
                createdAt, updatedAt, timeline.stream().map(e -> e.toCustomer(customerId)).toList());
    }

    public Shipment {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }

    public Shipment moveTo(Status next, Instant now, String by, String note) {
        if (!status.canMoveTo(next)) {
            throw new DomainException.InvalidState("shipment " + id + " is " + status + ", it cannot become " + next);
        }
        var events = new ArrayList<>(timeline);
        events.add(new Event(next.name(), now, by, note));
        return new Shipment(id, orderId, customerId, locationId, kind, lines, amountCents, next, carrier, trackingRef,
                createdAt, now, events);
    }

    public Shipment handedTo(String newCarrier, String tracking, Instant now, String by) {
        var moved = moveTo(Status.HANDED_OVER, now, by, newCarrier + " " + tracking);
        return new Shipment(id, orderId, customerId, locationId, kind, lines, amountCents, moved.status(), newCarrier,
                tracking, createdAt, now, moved.timeline());
    }
}
