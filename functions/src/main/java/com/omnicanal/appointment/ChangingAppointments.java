package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A customer follows, cancels or moves their appointment, signed in or through the signed link of its messages; until
 * the cut-off before it (after that, the store decides). Moving it keeps its items and takes the new time in the same
 * transaction that frees the old one.
 */
public final class ChangingAppointments {
    public static final int PAGE_SIZE = 20;

    private final Catalog catalog;
    private final BookingSetup setup;
    private final Appointments appointments;
    private final ManageLinks links;
    private final AppointmentMessages messages;
    private final Moves moves;
    private final AppointmentPolicy policy;
    private final Clock clock;

    ChangingAppointments(Catalog catalog, BookingSetup setup, Appointments appointments, ManageLinks links,
                         AppointmentMessages messages, Moves moves, AppointmentPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.setup = setup;
        this.appointments = appointments;
        this.links = links;
        this.messages = messages;
        this.moves = moves;
        this.policy = policy;
        this.clock = clock;
    }

    /** A customer their own; staff their store's; ops every one. */
    public Appointment get(Actor actor, String id) {
        return appointments.find(id).filter(a -> actor.isCustomer() ? a.customerId().equals(actor.id()) : actor.worksFor(a.storeId()))
                .orElseThrow(() -> new DomainException.NotFound("no appointment " + id));
    }

    public Page<Appointment> mine(Actor actor, String cursor) {
        return appointments.byCustomer(actor.id(), cursor, PAGE_SIZE);
    }

    /** The appointment a link opens: a forged one opens nothing (404), an outdated one is gone (410). */
    public Appointment byLink(String token) {
        var link = links.read(token).orElseThrow(() -> new DomainException.NotFound("no such link"));
        if (!now().isBefore(link.expiresAt())) throw new DomainException.Gone("this link has expired");
        return appointments.find(link.appointmentId()).orElseThrow(() -> new DomainException.NotFound("no such link"));
    }

    public Appointment cancel(Actor actor, String id) {
        return cancel(own(actor, id), actor.id());
    }

    public Appointment cancelByLink(String token) {
        var appointment = byLink(token);
        return cancel(appointment, appointment.customerId());
    }

    public Appointment reschedule(Actor actor, String id, Instant start, String advisorId) {
        return reschedule(own(actor, id), actor.id(), start, advisorId);
    }

    public Appointment rescheduleByLink(String token, Instant start, String advisorId) {
        var appointment = byLink(token);
        return reschedule(appointment, appointment.customerId(), start, advisorId);
    }

    private Appointment cancel(Appointment current, String by) {
        var now = now();
        if (current.status() != AppointmentStatus.HELD) beforeCutoff(current, now);
        var cancelled = current.cancel(now, by, Appointment.Party.CUSTOMER, null);
        // a hold never confirmed was never announced: nothing to tell
        var notice = current.status() == AppointmentStatus.HELD ? null : messages.cancelled(cancelled, moves.store(cancelled), now);
        return moves.write(moves.change(current, cancelled, notice, now));
    }

    private Appointment reschedule(Appointment current, String by, Instant start, String advisorId) {
        var now = now();
        beforeCutoff(current, now);
        var store = moves.store(current);
        var offer = setup.of(current.storeId());
        var type = offer.type(current.typeId()).filter(AppointmentType::active)
                .orElseThrow(() -> new DomainException.InvalidState("this appointment type is no longer offered; cancel and book another"));
        var zone = ZoneId.of(store.timeZone());
        var day = start.atZone(zone).toLocalDate();
        var busy = appointments.busy(store.id(), offer.advisors().stream().map(Advisor::id).toList(), current.resourceIds(),
                day.minusDays(1).atStartOfDay(zone).toInstant(), day.plusDays(2).atStartOfDay(zone).toInstant()).without(current);
        var slot = Availability.slots(store, type, offer, busy, day, day, now).stream()
                .filter(s -> s.start().equals(start)).findFirst().orElseThrow(BookingAppointments::slotTaken);
        var wanted = advisorId != null ? advisorId
                : slot.advisorIds().contains(current.advisorId()) ? current.advisorId() : slot.advisorIds().get(0);
        if (!slot.advisorIds().contains(wanted)) throw BookingAppointments.slotTaken();
        var advisor = offer.advisor(wanted).orElseThrow();
        var moved = current.movedTo(start, advisor.id(), advisor.name(), now, by);
        var until = moved.end().plus(policy.itemsGrace());
        return moves.write(Appointments.Change.of(current, moved, policy.due(moved))
                .capacities(BookingAppointments.capacities(type, offer))
                .extendHolds(Items.held(current, until), until)
                .message(messages.rescheduled(moved, store, now)));
    }

    private void beforeCutoff(Appointment a, Instant now) {
        var cutoff = a.start().minus(policy.changeCutoff());
        if (!now.isBefore(cutoff)) {
            var local = cutoff.atZone(ZoneId.of(moves.store(a).timeZone()));
            throw new DomainException.InvalidState("this appointment could be changed online until "
                    + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(local) + "; please call the store");
        }
    }

    private Appointment own(Actor actor, String id) {
        return appointments.find(id).filter(a -> a.customerId().equals(actor.id()))
                .orElseThrow(() -> new DomainException.NotFound("no appointment " + id));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
