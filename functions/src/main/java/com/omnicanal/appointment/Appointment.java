package com.omnicanal.appointment;

import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's appointment with an advisor at a store, for one appointment type: the time it takes the advisor
 * (with the type's buffers) and the resources it needs, the contact its messages go to, the items held for the
 * customer to try, and where it stands.
 */
public record Appointment(String id, String customerId, String storeId, String storeName, String typeId, String typeName,
                          String advisorId, String advisorName, Instant start, Instant end, int bufferBeforeMinutes,
                          int bufferAfterMinutes, List<String> resourceIds, Contact contact, List<ItemToTry> items,
                          AppointmentStatus status, Instant holdExpiresAt, Instant createdAt, Instant confirmedAt,
                          String cancelledBy, String noShowBy, String reason, int sequence, List<Event> timeline,
                          List<String> reminders, Instant updatedAt) {

    /** Where the customer is told: a guest's or a profile without a verified address is reached here. */
    public record Contact(String name, String email, String phone) {
    }

    /** Units of a product held at the store for the customer to try: an e-reservation, bought or released after. */
    public record ItemToTry(String sku, String productName, int quantity, String reservationId, String outcome) {
        public static final String HELD = "HELD";
        public static final String BOUGHT = "BOUGHT";
        public static final String RELEASED = "RELEASED";

        ItemToTry settled(String how) {
            return new ItemToTry(sku, productName, quantity, reservationId, how);
        }
    }

    /** Who moved it, when, and why. */
    public record Event(String status, Instant at, String by, String note) {
    }

    /** Who cancelled, and whose no-show it was. */
    public enum Party { CUSTOMER, STORE, ADVISOR }

    public Appointment {
        resourceIds = List.copyOf(resourceIds);
        items = List.copyOf(items);
        timeline = List.copyOf(timeline);
        reminders = reminders == null ? List.of() : List.copyOf(reminders);
    }

    /** The advisor's time: the appointment and its buffers. */
    public List<Instant> advisorCells() {
        return Cells.covering(start.minus(Duration.ofMinutes(bufferBeforeMinutes)),
                end.plus(Duration.ofMinutes(bufferAfterMinutes)));
    }

    /** A resource's time: the appointment itself. */
    public List<Instant> resourceCells() {
        return Cells.covering(start, end);
    }

    public boolean itemsHeld() {
        return items.stream().anyMatch(i -> ItemToTry.HELD.equals(i.outcome()));
    }

    Appointment confirm(Instant now, String by) {
        require(AppointmentStatus.HELD, "confirmed");
        if (!now.isBefore(holdExpiresAt)) {
            throw new DomainException.InvalidState("the hold on this slot ended at " + holdExpiresAt + "; book it again");
        }
        return move(AppointmentStatus.CONFIRMED, now, by, null, null, null, null, now, sequence);
    }

    Appointment expire(Instant now) {
        require(AppointmentStatus.HELD, "expired");
        return move(AppointmentStatus.EXPIRED, now, "system", null, null, null, ItemToTry.RELEASED, confirmedAt, sequence);
    }

    Appointment cancel(Instant now, String by, Party party, String why) {
        if (status != AppointmentStatus.HELD && status != AppointmentStatus.CONFIRMED) {
            throw new DomainException.InvalidState("appointment " + id + " is " + status + ", it cannot be cancelled");
        }
        return move(AppointmentStatus.CANCELLED, now, by, party.name(), null, why, ItemToTry.RELEASED, confirmedAt,
                sequence + 1);
    }

    Appointment checkIn(Instant now, String by) {
        require(AppointmentStatus.CONFIRMED, "checked in");
        return move(AppointmentStatus.CHECKED_IN, now, by, null, null, null, null, confirmedAt, sequence);
    }

    /** Done: the items bought are sold, the others go back on sale. */
    Appointment complete(Instant now, String by, java.util.Set<String> bought) {
        if (status != AppointmentStatus.CONFIRMED && status != AppointmentStatus.CHECKED_IN) {
            throw new DomainException.InvalidState("appointment " + id + " is " + status + ", it cannot be completed");
        }
        var unknown = bought.stream().filter(sku -> items.stream().noneMatch(i -> i.sku().equals(sku))).toList();
        if (!unknown.isEmpty()) throw new DomainException.InvalidInput("bought", "were not held for this appointment: " + unknown);
        var next = move(AppointmentStatus.COMPLETED, now, by, null, null, null, null, confirmedAt, sequence);
        var settled = items.stream().map(i -> !ItemToTry.HELD.equals(i.outcome()) ? i
                : i.settled(bought.contains(i.sku()) ? ItemToTry.BOUGHT : ItemToTry.RELEASED)).toList();
        return next.withItems(settled);
    }

    Appointment noShow(Instant now, String by, Party whose) {
        if (status != AppointmentStatus.CONFIRMED && status != AppointmentStatus.CHECKED_IN) {
            throw new DomainException.InvalidState("appointment " + id + " is " + status + ", it cannot be a no-show");
        }
        if (now.isBefore(start)) throw new DomainException.InvalidState("appointment " + id + " has not started yet");
        return move(AppointmentStatus.NO_SHOW, now, by, null, whose.name(), null, ItemToTry.RELEASED, confirmedAt, sequence);
    }

    /** The same appointment at another time (another advisor maybe); a calendar reads it as a new version. */
    Appointment movedTo(Instant newStart, String newAdvisorId, String newAdvisorName, Instant now, String by) {
        if (status != AppointmentStatus.CONFIRMED) {
            throw new DomainException.InvalidState("appointment " + id + " is " + status + ", it cannot be moved");
        }
        var length = Duration.between(start, end);
        var events = new ArrayList<>(timeline);
        events.add(new Event("RESCHEDULED", now, by, "from " + start));
        return new Appointment(id, customerId, storeId, storeName, typeId, typeName, newAdvisorId, newAdvisorName, newStart,
                newStart.plus(length), bufferBeforeMinutes, bufferAfterMinutes, resourceIds, contact, items, status,
                holdExpiresAt, createdAt, confirmedAt, cancelledBy, noShowBy, reason, sequence + 1, events, List.of(), now);
    }

    Appointment withItems(List<ItemToTry> next) {
        return new Appointment(id, customerId, storeId, storeName, typeId, typeName, advisorId, advisorName, start, end,
                bufferBeforeMinutes, bufferAfterMinutes, resourceIds, contact, next, status, holdExpiresAt, createdAt,
                confirmedAt, cancelledBy, noShowBy, reason, sequence, timeline, reminders, updatedAt);
    }

    /** The reminder sent for its current time (a move starts them again); nothing else changes. */
    Appointment reminded(String which) {
        var sent = new ArrayList<>(reminders);
        sent.add(which);
        return new Appointment(id, customerId, storeId, storeName, typeId, typeName, advisorId, advisorName, start, end,
                bufferBeforeMinutes, bufferAfterMinutes, resourceIds, contact, items, status, holdExpiresAt, createdAt,
                confirmedAt, cancelledBy, noShowBy, reason, sequence, timeline, sent, updatedAt);
    }

    private void require(AppointmentStatus expected, String verb) {
        if (status != expected) {
            throw new DomainException.InvalidState("appointment " + id + " is " + status + ", it cannot be " + verb);
        }
    }

    private Appointment move(AppointmentStatus next, Instant now, String by, String cancelled, String noShow, String why,
                             String itemsOutcome, Instant confirmed, int seq) {
        var events = new ArrayList<>(timeline);
        events.add(new Event(next.name(), now, by, why));
        var settled = itemsOutcome == null ? items : items.stream()
                .map(i -> ItemToTry.HELD.equals(i.outcome()) ? i.settled(itemsOutcome) : i).toList();
        return new Appointment(id, customerId, storeId, storeName, typeId, typeName, advisorId, advisorName, start, end,
                bufferBeforeMinutes, bufferAfterMinutes, resourceIds, contact, settled, next, holdExpiresAt, createdAt,
                confirmed, cancelled == null ? cancelledBy : cancelled, noShow == null ? noShowBy : noShow,
                why == null ? reason : why, seq, events, reminders, now);
    }
}
