package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A store's figures over days of its own calendar, by appointment start: bookings (confirmed at some point), how they
 * ended, the no-show rate (customers who did not come, of those who were expected and whose outcome is known) and
 * the lead time (hours from booking to appointment).
 */
public final class ReportingAppointments {
    private final Catalog catalog;
    private final Appointments appointments;

    ReportingAppointments(Catalog catalog, Appointments appointments) {
        this.catalog = catalog;
        this.appointments = appointments;
    }

    public record Figures(String storeId, LocalDate from, LocalDate to, int bookings, int completed,
                          int cancelledByCustomer, int cancelledByStore, int customerNoShows, int advisorNoShows,
                          double noShowRate, double averageLeadTimeHours, double medianLeadTimeHours) {
    }

    public Figures of(Actor actor, String storeId, LocalDate from, LocalDate to) {
        actor.requireStore(storeId);
        var store = catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        if (to.isBefore(from)) throw new DomainException.InvalidInput("to", "is before from");
        if (from.plusDays(366).isBefore(to)) throw new DomainException.InvalidInput("to", "is at most a year after from");
        var zone = ZoneId.of(store.timeZone());
        var booked = appointments.byStore(storeId, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant())
                .stream().filter(a -> a.confirmedAt() != null).toList();
        int completed = count(booked, AppointmentStatus.COMPLETED, null, null);
        int byCustomer = count(booked, AppointmentStatus.CANCELLED, "CUSTOMER", null);
        int byStore = count(booked, AppointmentStatus.CANCELLED, "STORE", null);
        int customerNoShows = count(booked, AppointmentStatus.NO_SHOW, null, "CUSTOMER");
        int advisorNoShows = count(booked, AppointmentStatus.NO_SHOW, null, "ADVISOR");
        int expected = completed + customerNoShows;
        var leads = booked.stream().mapToDouble(a -> Duration.between(a.confirmedAt(), a.start()).toMinutes() / 60.0)
                .sorted().toArray();
        double average = leads.length == 0 ? 0 : java.util.Arrays.stream(leads).average().orElse(0);
        double median = leads.length == 0 ? 0 : leads.length % 2 == 1 ? leads[leads.length / 2]
                : (leads[leads.length / 2 - 1] + leads[leads.length / 2]) / 2;
        return new Figures(storeId, from, to, booked.size(), completed, byCustomer, byStore, customerNoShows,
                advisorNoShows, expected == 0 ? 0 : round((double) customerNoShows / expected), round(average), round(median));
    }

    private static int count(java.util.List<Appointment> list, AppointmentStatus status, String cancelledBy, String noShowBy) {
        return (int) list.stream().filter(a -> a.status() == status)
                .filter(a -> cancelledBy == null || cancelledBy.equals(a.cancelledBy()))
                .filter(a -> noShowBy == null || noShowBy.equals(a.noShowBy())).count();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
