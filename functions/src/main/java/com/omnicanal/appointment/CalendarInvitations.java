package com.omnicanal.appointment;

import com.omnicanal.catalog.Store;
import java.time.Instant;

/** Port: an appointment as an iCalendar (RFC 5545) invitation a mail client adds to, updates in or removes from a calendar. */
public interface CalendarInvitations {
    CalendarInvitations NONE = (appointment, store, link, at) -> "";

    /** The .ics text: a request for a booked appointment (a later sequence updates it), a cancellation for a cancelled one. */
    String of(Appointment appointment, Store store, String manageLink, Instant at);
}
