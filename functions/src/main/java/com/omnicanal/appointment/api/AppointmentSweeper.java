package com.omnicanal.appointment.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.appointment.SweepingAppointments;
import java.util.function.Function;

/** Scheduled: holds that ran out, and reminders 24 h and 2 h before. */
public final class AppointmentSweeper implements Function<ScheduledEvent, SweepingAppointments.Sweep> {
    private final SweepingAppointments appointments;

    public AppointmentSweeper(SweepingAppointments appointments) {
        this.appointments = appointments;
    }

    @Override
    public SweepingAppointments.Sweep apply(ScheduledEvent event) {
        return appointments.sweep();
    }
}
