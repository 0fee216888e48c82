package com.omnicanal.appointment.ics;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.ParticipationStatus;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.Method;
import biweekly.property.Organizer;
import biweekly.property.Status;
import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.CalendarInvitations;
import com.omnicanal.catalog.Store;
import java.util.Date;

/**
 * Invitations written with biweekly (RFC 5545): METHOD REQUEST for a booked appointment, CANCEL once cancelled; the
 * appointment's id is the event's UID and its sequence the event's, so a moved appointment updates the same calendar
 * entry. Times are UTC, which every calendar shows in its own zone.
 */
public final class BiweeklyInvitations implements CalendarInvitations {
    private final String organizer;

    /** @param organizer the address calendars show as the organizer (the sender of the emails) */
    public BiweeklyInvitations(String organizer) {
        this.organizer = organizer;
    }

    @Override
    public String of(Appointment a, Store store, String manageLink, java.time.Instant at) {
        var calendar = new ICalendar();
        calendar.setProductId("-//Omnicanal//Appointments//FR");
        boolean cancelled = !a.status().takesTime();
        calendar.setMethod(cancelled ? Method.cancel() : Method.request());
        var event = new VEvent();
        event.setUid(a.id() + "@omnicanal");
        event.setSequence(a.sequence());
        event.setDateTimeStamp(Date.from(at));
        event.setDateStart(Date.from(a.start()));
        event.setDateEnd(Date.from(a.end()));
        event.setSummary(a.typeName() + " - " + store.name());
        event.setLocation(store.name() + ", " + store.address().street() + ", " + store.address().postcode() + " "
                + store.address().city());
        var description = new StringBuilder(a.typeName()).append(" - ").append(a.advisorName());
        if (!a.items().isEmpty()) {
            description.append("\n").append(String.join(", ", a.items().stream()
                    .map(i -> i.quantity() + " x " + i.productName()).toList()));
        }
        if (manageLink != null) {
            description.append("\n").append(manageLink);
            event.setUrl(manageLink);
        }
        event.setDescription(description.toString());
        event.setStatus(cancelled ? Status.cancelled() : Status.confirmed());
        var host = new Organizer(store.name(), organizer);
        event.setOrganizer(host);
        if (a.contact() != null && a.contact().email() != null) {
            var attendee = new Attendee(a.contact().name(), a.contact().email());
            attendee.setRole(Role.ATTENDEE);
            attendee.setParticipationStatus(cancelled ? ParticipationStatus.DECLINED : ParticipationStatus.ACCEPTED);
            event.addAttendee(attendee);
        }
        calendar.addEvent(event);
        return Biweekly.write(calendar).go();
    }
}
