package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.reservation.ReservationDesk;
import java.time.Clock;

/** Appointments' use cases, one per journey step, built together over the same ports and policy. */
public record AppointmentBook(ConfiguringBookings configuring, FindingSlots finding, BookingAppointments booking,
                              ChangingAppointments changing, HostingAppointments hosting, ReportingAppointments reporting,
                              SweepingAppointments sweeping) {

    public static AppointmentBook of(Catalog catalog, BookingSetup setup, Appointments appointments,
                                     ReservationDesk reservations, CustomerSummaries customers,
                                     CalendarInvitations calendar, ManageLinks links, AppointmentPolicy policy,
                                     Clock clock) {
        var messages = new AppointmentMessages(calendar, links, policy);
        var moves = new Moves(catalog, appointments, policy);
        return new AppointmentBook(
                new ConfiguringBookings(catalog, setup),
                new FindingSlots(catalog, setup, appointments, policy, clock),
                new BookingAppointments(catalog, setup, appointments, reservations, messages, policy, clock),
                new ChangingAppointments(catalog, setup, appointments, links, messages, moves, policy, clock),
                new HostingAppointments(catalog, appointments, customers, messages, moves, clock),
                new ReportingAppointments(catalog, appointments),
                new SweepingAppointments(appointments, messages, moves, policy, clock));
    }
}
