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
                    Instant updatedAt, Discount discount, SoldBy soldBy) {

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

    /** What happened and who did it, for the customer's timeline. */
    public record Event(String status, Instant at, String by, String note) {
        /** The event as its customer sees it: who acted as a role, never a staff member's id. */
        public Event toCustomer(String customerId) {
            return new Event(status, at, com.omnicanal.shared.ActingRole.of(customerId, by), note);
        }
    }

    /**
     * Part of the order paid with a points reward code (the customer's own, consumed when the order is placed): its
     * value off the lines' total, and the points it cost.
     */
    public record Discount(String code, long points, int amountCents) {
    }

    /** An order paid in money only (the shape before points could pay a part). */
    public Order(String id, String customerId, String pickupStoreId, String pickupStoreName, List<Line> lines,
                 Contact contact, String paymentAuthorization, int totalCents, OrderStatus status, String pickupCode,
                 int wrongCodes, boolean locked, Instant createdAt, Instant readyBy, Instant readyAt, Instant expiresAt,
                 List<PickupOption> options, List<Event> timeline, List<String> reminders, Instant updatedAt) {
        this(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents, status,
                pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                updatedAt, null, null);
    }

    /** An order sold online (nobody in a store credited), paid partly with points or not. */
    public Order(String id, String customerId, String pickupStoreId, String pickupStoreName, List<Line> lines,
                 Contact contact, String paymentAuthorization, int totalCents, OrderStatus status, String pickupCode,
                 int wrongCodes, boolean locked, Instant createdAt, Instant readyBy, Instant readyAt, Instant expiresAt,
                 List<PickupOption> options, List<Event> timeline, List<String> reminders, Instant updatedAt,
                 Discount discount) {
        this(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents, status,
                pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                updatedAt, discount, null);
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
                now, discount, soldBy);
    }

    public Order with(String newPickupCode, Instant newReadyAt, Instant newExpiresAt) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, newPickupCode, wrongCodes, locked, createdAt, readyBy, newReadyAt, newExpiresAt, options,
                timeline, reminders, updatedAt, discount, soldBy);
    }

    public Order lockedAfter(int wrong, boolean isLocked, Instant now) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrong, isLocked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                now, discount, soldBy);
    }

    /** Placed at another store, or with lines transferred: the option the customer confirmed. */
    public Order withOption(PickupOption option, List<Line> newLines) {
        return new Order(id, customerId, option.storeId(), option.storeName(), newLines, contact, paymentAuthorization,
                totalCents, status, pickupCode, wrongCodes, locked, createdAt, option.readyBy(), readyAt, expiresAt,
                List.of(), timeline, reminders, updatedAt, discount, soldBy);
    }

    public Order withReminder(String reminder) {
        var sent = new ArrayList<>(reminders);
        sent.add(reminder);
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, sent,
                updatedAt, discount, soldBy);
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
                reminders, now, discount, soldBy);
    }

    /** Sold in store by this staff member (null: online). */
    public Order withSeller(SoldBy seller) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline, reminders,
                updatedAt, discount, seller);
    }

    /** The same order paid partly with points. */
    public Order withDiscount(Discount points) {
        return new Order(id, customerId, pickupStoreId, pickupStoreName, lines, contact, paymentAuthorization, totalCents,
                status, pickupCode, wrongCodes, locked, createdAt, readyBy, readyAt, expiresAt, options, timeline,
                reminders, updatedAt, points, soldBy);
    }

    /** What is paid in money: the lines' total less the points discount (authorised, captured, voided). */
    public int amountDueCents() {
        return totalCents - (discount == null ? 0 : discount.amountCents());
    }

    /**
     * What each line cost in money (its SKU once per order): the discount spread over the lines pro rata of their
     * price, the cents left by rounding down given to the largest remainders, so the lines add up to what was paid.
     */
    public java.util.Map<String, Long> paidBySku() {
        var paid = new java.util.LinkedHashMap<String, Long>();
        long off = discount == null ? 0 : discount.amountCents();
        long total = lines.stream().mapToLong(l -> (long) l.quantity() * l.unitPriceCents()).sum();
        var remainders = new ArrayList<java.util.Map.Entry<String, Long>>();
        long given = 0;
        for (var line : lines) {
            long price = (long) line.quantity() * line.unitPriceCents();
            long share = total == 0 ? 0 : off * price / total;
            given += share;
            paid.merge(line.sku(), price - share, Long::sum);
            remainders.add(java.util.Map.entry(line.sku(), total == 0 ? 0 : off * price % total));
        }
        remainders.sort(java.util.Map.Entry.<String, Long>comparingByValue().reversed());
        for (int i = 0; i < off - given; i++) paid.merge(remainders.get(i).getKey(), -1L, Long::sum);
        return paid;
    }

    /**
     * What one unit of a SKU cost in money, rounded down to the cent (a return refunds this per unit: never more than
     * was paid, at most a cent per unit less).
     */
    public int paidPerUnitCents(String sku) {
        int units = lines.stream().filter(l -> l.sku().equals(sku)).mapToInt(Line::quantity).sum();
        return units == 0 ? 0 : (int) (paidBySku().getOrDefault(sku, 0L) / units);
    }
}
