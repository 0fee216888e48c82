package com.omnicanal.appointment;

import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Scheduled: holds never confirmed expire (their time and items freed); booked appointments get their reminders, 24 h
 * and 2 h before by the customer's channels (only the latest one due when several are, none once it has started).
 * Safe to run twice at once: each change is conditional on the appointment as read, and a reminder's outbox item on
 * its dedupe key, so one run wins.
 */
public final class SweepingAppointments {
    private final Appointments appointments;
    private final AppointmentMessages messages;
    private final Moves moves;
    private final AppointmentPolicy policy;
    private final Clock clock;

    SweepingAppointments(Appointments appointments, AppointmentMessages messages, Moves moves, AppointmentPolicy policy,
                         Clock clock) {
        this.appointments = appointments;
        this.messages = messages;
        this.moves = moves;
        this.policy = policy;
        this.clock = clock;
    }

    public record Sweep(int expired, int reminded) {
    }

    public Sweep sweep() {
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int expired = 0;
        int reminded = 0;
        for (var due : appointments.due(now, 100)) {
            if (due.status() == AppointmentStatus.HELD) {
                if (due.holdExpiresAt().isAfter(now)) continue;
                if (applied(moves.change(due, due.expire(now), null, now))) expired++;
            } else if (due.status() == AppointmentStatus.CONFIRMED) {
                var come = policy.come(due, now);
                if (come.isEmpty()) continue;
                var next = due;
                for (var r : come) next = next.reminded(AppointmentPolicy.name(r));
                var change = Appointments.Change.of(due, next, policy.due(next));
                // the time has come for the latest only: an earlier one now would say too much too late
                if (now.isBefore(due.start())) {
                    change = change.message(messages.reminder(next, moves.store(next), AppointmentPolicy.name(come.get(come.size() - 1)), now));
                }
                if (applied(change) && now.isBefore(due.start())) reminded++;
            }
        }
        return new Sweep(expired, reminded);
    }

    private boolean applied(Appointments.Change change) {
        return appointments.apply(change) instanceof Appointments.Outcome.Applied;
    }

}
