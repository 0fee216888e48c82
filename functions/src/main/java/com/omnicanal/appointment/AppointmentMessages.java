package com.omnicanal.appointment;

import com.omnicanal.catalog.Store;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Ids;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;

/**
 * What the customer is told of an appointment: the kinds of message and what their templates may say. An email
 * carries the appointment as an iCalendar invitation ({@code calendar}: the mail channel attaches it, other channels
 * ignore it); the link to cancel or move it is there until the cut-off ("" after: the templates leave it out).
 */
public final class AppointmentMessages {
    public static final String CONFIRMED = "APPOINTMENT_CONFIRMED";
    public static final String RESCHEDULED = "APPOINTMENT_RESCHEDULED";
    public static final String REMINDER = "APPOINTMENT_REMINDER";
    public static final String CANCELLED = "APPOINTMENT_CANCELLED";
    public static final String CANCELLED_BY_STORE = "APPOINTMENT_CANCELLED_BY_STORE";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final CalendarInvitations calendar;
    private final ManageLinks links;
    private final AppointmentPolicy policy;

    AppointmentMessages(CalendarInvitations calendar, ManageLinks links, AppointmentPolicy policy) {
        this.calendar = calendar;
        this.links = links;
        this.policy = policy;
    }

    OutboxMessage confirmed(Appointment a, Store store, Instant now) {
        return message(CONFIRMED, CONFIRMED + "#" + a.id(), a, store, now);
    }

    OutboxMessage rescheduled(Appointment a, Store store, Instant now) {
        return message(RESCHEDULED, RESCHEDULED + "#" + a.sequence() + "#" + a.id(), a, store, now);
    }

    OutboxMessage reminder(Appointment a, Store store, String which, Instant now) {
        return message(REMINDER, REMINDER + "#" + which + "#" + a.sequence() + "#" + a.id(), a, store, now);
    }

    OutboxMessage cancelled(Appointment a, Store store, Instant now) {
        var kind = Appointment.Party.STORE.name().equals(a.cancelledBy()) ? CANCELLED_BY_STORE : CANCELLED;
        return message(kind, kind + "#" + a.id(), a, store, now);
    }

    /** The link to see, cancel or move it, until the cut-off; null after. */
    String manageLink(Appointment a, Instant now) {
        var cutoff = a.start().minus(policy.changeCutoff());
        if (!now.isBefore(cutoff) || !a.status().takesTime()) return null;
        return policy.linkBase() + links.issue(a.id(), a.start());
    }

    private OutboxMessage message(String kind, String dedupeKey, Appointment a, Store store, Instant now) {
        var zone = ZoneId.of(store.timeZone());
        var link = manageLink(a, now);
        var data = new LinkedHashMap<String, String>();
        data.put("appointmentId", a.id());
        data.put("appointmentRef", Ids.reference(a.id()));
        data.put("typeName", a.typeName());
        data.put("advisorName", a.advisorName());
        data.put("storeId", a.storeId());
        data.put("storeName", store.name());
        data.put("storeAddress", store.address().street() + ", " + store.address().postcode() + " " + store.address().city());
        data.put("date", DAY.format(a.start().atZone(zone)));
        data.put("time", TIME.format(a.start().atZone(zone)));
        data.put("items", String.join(", ", a.items().stream().map(i -> i.quantity() + " x " + i.productName()).toList()));
        data.put("manageLink", link == null ? "" : link);
        data.put("cutoffTime", TIME.format(a.start().minus(policy.changeCutoff()).atZone(zone)));
        data.put("reason", a.reason() == null ? "" : a.reason());
        var invitation = calendar.of(a, store, link, now);
        if (!invitation.isEmpty()) data.put("calendar", invitation);
        // a guest's contact travels with the message's delivery, used when the person has no address of their own
        var delivery = a.contact() == null ? Delivery.transactional()
                : Delivery.transactional().guestContact(a.contact().email(), a.contact().phone());
        return OutboxMessage.of(kind, a.customerId(), dedupeKey, delivery, data, now);
    }
}
