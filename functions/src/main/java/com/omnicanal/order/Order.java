package com.omnicanal.order;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order placed online (or sold in another store, {@code soldBy}) and collected in a store; the payment is a
 * pre-authorization captured at collection.
 */
public record Order(String id, String customerId, String pickupStoreId, String pickupStoreName, List<Line> lines,
                    Contact contact, String paymentAuthorization, int totalCents, OrderStatus status, String pickupCode,
                    int wrongCodes, boolean locked, Instant createdAt, Instant readyBy, Instant readyAt,
                    Instant expiresAt, List<PickupOption> options, List<Event> timeline, List<String> reminders,
                    Instant updatedAt, SoldBy soldBy) {

    /** Where a line's units are while its transfer is on the way: held nowhere, so no stock effect touches them. */
    public static final String IN_TRANSIT = "IN_TRANSIT";

    /**
     * One line, and where its units are held: the pickup store, the place they are transferred from (until the
     * transfer leaves), or {@link #IN_TRANSIT}.
     */
    public record Line(String sku, String productName, int quantity, int unitPriceCents, String heldAt) {
        public Line at(String place) {
            return new Line(sku, productName, quantity, unitPriceCents, place);
        }
    }

    public record Contact(String name, String email, String phone) {
    }

    /** The store and staff member who sold it in store for the customer in front of them (endless aisle). */
    public record SoldBy(String storeId, String staffId) {
    }

    /** An order sold online: nobody in a store is credited. */
    public Order(String id, String customerId, String pickupStoreId, String pickupStoreName, List<Line> lines,
                 Contact contact, String paymentAuthorization, int totalCents, OrderStatus status, String pickupCode,
                 int wrongCodes, boolean locked, Instant createdAt, Instant readyBy, Instant readyAt, Instant expiresAt,
                 List<PickupOption> options, List<Event> timeline, List<String> reminders, Instant updatedAt) {
        this(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents, status,
                pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                updatedAt, null);
    }

    /** What happened and who did it, for the customer's timeline. */
    public record Event(String status, Instant at, String by, String note) {
    }

    public Order {
        lines = List.copyOf(lines);
        options = options == null ? List.of() : List.copyOf(options);
        timeline = List.copyOf(timeline);
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
    }

    /** The order in its next status, with the move on its timeline; refuses any move the life cycle does not allow. */
    public Order moveTo(OrderStatus next, Instant now, String by, String note) {
        if (!status.canMoveTo(next)) {
            throw new DomainException.InvalidState("order " + id + " is " + status + ", it cannot become " + next);
        }
        var events = new ArrayList<>(timeline);
        events.add(new Event(next.name(), now, by, note));
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                next, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, events, reminders,
                now, soldBy);
    }

    public Order with(String newPickupCode, Instant newReadyAt, Instant newExpiresAt) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, newPickupCode, wrongCodes, locked, createdAt, readyBy, newReadyAt, newExpiresAt, options,
                timeline, reminders, updatedAt, soldBy);
    }

    public Order lockedAfter(int wrong, boolean isLocked, Instant now) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrong, isLocked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                now, soldBy);
    }

    /** Placed at another store, or with lines transferred: the option the customer confirmed. */
    public Order withOption(PickupOption option, List<Line> newLines) {
        return new Order(id, customerId, option.storeId(), option.storeName(), newLines, contact, paymentAuthorization,
                totalCents, status, pickupCode, wrongCodes, locked, createdAt, option.readyBy(), readyAt, expiresAt,
                List.of(), timeline, reminders, updatedAt, soldBy);
    }

    /** Some line is not in the pickup store yet: its transfer has not been received. */
    public boolean awaitsTransfer() {
        return lines.stream().anyMatch(l -> !l.heldAt().equals(pickupStoreId));
    }

    /** The lines moved by a transfer (sent, or received), with the move on the timeline. */
    public Order withLines(List<Line> newLines, Instant now, String by, String note) {
        var events = new ArrayList<>(timeline);
        events.add(new Event(status.name(), now, by, note));
        return new Order(id, customerId, pickupStoreId, pickupStoreName, newLines, contact, paymentAuthorization,
                totalCents, status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, events,
                reminders, now, soldBy);
    }

    /** Sold in store by this staff member (null: online). */
    public Order withSeller(SoldBy seller) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                updatedAt, seller);
    }

    public Order withReminder(String reminder) {
        var sent = new ArrayList<>(reminders);
        sent.add(reminder);
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, sent,
                updatedAt, soldBy);
    }
}
