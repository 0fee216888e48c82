package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.DomainException;
import java.time.Instant;

/** Writes a move of an appointment with what it settles: the cells it frees, its items bought or released, its message. */
final class Moves {
    private final Catalog catalog;
    private final Appointments appointments;
    private final AppointmentPolicy policy;

    Moves(Catalog catalog, Appointments appointments, AppointmentPolicy policy) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.policy = policy;
    }

    /** The change from {@code previous} to {@code next}: cells freed as its status says, items settled, the message. */
    Appointments.Change change(Appointment previous, Appointment next, OutboxMessage message, Instant now) {
        var change = Appointments.Change.of(previous, next, policy.due(next))
                .settles(Items.settled(previous, next, Appointment.ItemToTry.RELEASED, now),
                        Items.settled(previous, next, Appointment.ItemToTry.BOUGHT, now));
        return message == null ? change : change.message(message);
    }

    /** Writes it, or says it moved meanwhile. */
    Appointment write(Appointments.Change change) {
        var outcome = appointments.apply(change);
        if (outcome instanceof Appointments.Outcome.Applied) return change.next();
        if (outcome instanceof Appointments.Outcome.AdvisorTaken || outcome instanceof Appointments.Outcome.ResourceFull) {
            throw BookingAppointments.slotTaken();
        }
        throw new DomainException.InvalidState("appointment " + change.next().id() + " changed meanwhile; read it again");
    }

    Store store(Appointment a) {
        return catalog.store(a.storeId()).orElseThrow(() -> new IllegalStateException("store " + a.storeId() + " is gone"));
    }
}
