package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The store's side: the day's agenda per advisor (who the customer is, what is held for them to try), check-in,
 * completion (the items bought are sold, the others go back on sale), no-show of the customer or the advisor, and a
 * cancellation by the store, which the customer is told of. A completed appointment is a business event (feedback may
 * ask about it).
 */
public final class HostingAppointments {
    private final Catalog catalog;
    private final Appointments appointments;
    private final CustomerSummaries customers;
    private final AppointmentMessages messages;
    private final Moves moves;
    private final Clock clock;

    HostingAppointments(Catalog catalog, Appointments appointments, CustomerSummaries customers,
                        AppointmentMessages messages, Moves moves, Clock clock) {
        this.catalog = catalog;
        this.appointments = appointments;
        this.customers = customers;
        this.messages = messages;
        this.moves = moves;
        this.clock = clock;
    }

    /** One line of the agenda: the appointment, and who the customer is (empty for a guest without a profile). */
    public record AgendaEntry(Appointment appointment, CustomerSummaries.Summary customer) {
    }

    /** The store's appointments of that day (its own time zone), those of one advisor if given; holds and cancellations left out. */
    public List<AgendaEntry> agenda(Actor actor, String storeId, LocalDate date, String advisorId) {
        actor.requireStore(storeId);
        var store = catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        var zone = ZoneId.of(store.timeZone());
        return appointments.byStore(storeId, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant())
                .stream()
                .filter(a -> a.status() != AppointmentStatus.HELD && a.status() != AppointmentStatus.EXPIRED
                        && a.status() != AppointmentStatus.CANCELLED)
                .filter(a -> advisorId == null || a.advisorId().equals(advisorId))
                .map(a -> new AgendaEntry(a, customers.of(a.customerId()).orElse(null)))
                .toList();
    }

    public Appointment checkIn(Actor actor, String storeId, String id) {
        var current = atStore(actor, storeId, id);
        var now = now();
        return moves.write(moves.change(current, current.checkIn(now, actor.id()), null, now));
    }

    public Appointment complete(Actor actor, String storeId, String id, Set<String> bought) {
        var current = atStore(actor, storeId, id);
        var now = now();
        var next = current.complete(now, actor.id(), bought);
        var skus = next.items().stream().map(Appointment.ItemToTry::sku).collect(Collectors.toSet());
        // the completion and its business event commit together: feedback may then ask how it went
        return moves.write(moves.change(current, next, null, now)
                .event(new BusinessEvent.AppointmentCompleted(id, next.customerId(), storeId, skus, now)));
    }

    public Appointment noShow(Actor actor, String storeId, String id, Appointment.Party whose) {
        if (whose == Appointment.Party.STORE) throw new DomainException.InvalidInput("party", "is CUSTOMER or ADVISOR");
        var current = atStore(actor, storeId, id);
        var now = now();
        var next = current.noShow(now, actor.id(), whose);
        var change = moves.change(current, next, null, now);
        // the customer's no-show is what the KPIs count; an advisor's is the store's own affair
        if (whose == Appointment.Party.CUSTOMER) {
            change = change.event(new BusinessEvent.AppointmentMissed(id, next.customerId(), storeId,
                    next.items().stream().map(Appointment.ItemToTry::sku).collect(Collectors.toSet()), now));
        }
        return moves.write(change);
    }

    /** The store cancels (an advisor ill, the store closed): the customer is told why, the time and items are freed. */
    public Appointment cancel(Actor actor, String storeId, String id, String reason) {
        var current = atStore(actor, storeId, id);
        var now = now();
        var cancelled = current.cancel(now, actor.id(), Appointment.Party.STORE, reason);
        var notice = current.status() == AppointmentStatus.HELD ? null : messages.cancelled(cancelled, moves.store(cancelled), now);
        return moves.write(moves.change(current, cancelled, notice, now));
    }

    private Appointment atStore(Actor actor, String storeId, String id) {
        actor.requireStore(storeId);
        return appointments.find(id).filter(a -> a.storeId().equals(storeId))
                .orElseThrow(() -> new DomainException.NotFound("no appointment " + id + " at store " + storeId));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
