package com.omnicanal.order;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Units moved from one place (the web warehouse or a store) to an order's pickup store: held at the source from the
 * order's confirmation, dispatched by the source's staff with a reference (in transit, shown at the destination but not
 * sellable), received by the pickup store's staff (then held there for the order, or on sale if the order closed on
 * the way). It names the order, never its customer: the source's staff learn nothing of who ordered.
 *
 * @param safetyStock units the source keeps for itself: the hold never takes it below this
 * @param decision    why routing chose this source (the routing decision as ops read it), or null when it was not routed
 * @param dailyCapacity the source's daily capacity under the rules it was routed by: its request counts against it,
 *                      as a shipment does ({@link Integer#MAX_VALUE}: none)
 */
public record Transfer(String id, String orderId, String fromLocation, String toStoreId, List<Line> lines, Status status,
                       String reference, int safetyStock, Object decision, Instant createdAt, Instant updatedAt,
                       List<Event> timeline, int dailyCapacity) {

    public record Line(String sku, String productName, int quantity) {
    }

    public record Event(String status, Instant at, String by, String note) {
    }

    public enum Status {
        /** Held at the source, waiting for its staff to send it. */
        REQUESTED,
        /** On its way: in transit at the destination. */
        DISPATCHED,
        /** Arrived in the pickup store's stock. */
        RECEIVED,
        /** The order closed before it left: the source's hold was released. */
        CANCELLED,
        /** The source could not send it: its hold was released and the lines routed again, never back to it. */
        REFUSED;

        private static final Map<Status, Set<Status>> MOVES = Map.of(
                REQUESTED, EnumSet.of(DISPATCHED, CANCELLED, REFUSED),
                DISPATCHED, EnumSet.of(RECEIVED),
                RECEIVED, EnumSet.noneOf(Status.class),
                CANCELLED, EnumSet.noneOf(Status.class),
                REFUSED, EnumSet.noneOf(Status.class));

        public boolean canMoveTo(Status next) {
            return MOVES.get(this).contains(next);
        }
    }

    public Transfer {
        lines = List.copyOf(lines);
        timeline = List.copyOf(timeline);
    }

    /** One transfer per order and source: its id says both, so the order's writes find it without a read. */
    public static String idOf(String orderId, String fromLocation) {
        return orderId + "-" + fromLocation;
    }

    public Transfer moveTo(Status next, Instant now, String by, String note) {
        if (!status.canMoveTo(next)) {
            throw new DomainException.InvalidState("transfer " + id + " is " + status + ", it cannot become " + next);
        }
        var events = new ArrayList<>(timeline);
        events.add(new Event(next.name(), now, by, note));
        return new Transfer(id, orderId, fromLocation, toStoreId, lines, next, reference, safetyStock, decision, createdAt,
                now, events, dailyCapacity);
    }

    public Transfer dispatched(String newReference, Instant now, String by) {
        var moved = moveTo(Status.DISPATCHED, now, by, newReference);
        return new Transfer(id, orderId, fromLocation, toStoreId, lines, moved.status(), newReference, safetyStock, decision,
                createdAt, now, moved.timeline(), dailyCapacity);
    }

    public int units(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(Line::quantity).sum();
    }
}
