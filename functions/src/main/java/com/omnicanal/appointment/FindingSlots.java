package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Anyone: what a store offers by appointment, and its free slots over a few days, in the store's time zone. */
public final class FindingSlots {
    private final Catalog catalog;
    private final BookingSetup setup;
    private final Appointments appointments;
    private final AppointmentPolicy policy;
    private final Clock clock;

    FindingSlots(Catalog catalog, BookingSetup setup, Appointments appointments, AppointmentPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.setup = setup;
        this.appointments = appointments;
        this.policy = policy;
        this.clock = clock;
    }

    /** The types a store offers now. */
    public List<AppointmentType> types(String storeId) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        return setup.of(storeId).types().stream().filter(AppointmentType::active).toList();
    }

    /** The free slots, with the advisors free for each (names for the storefront). */
    public record Slots(String storeId, String typeId, String timeZone, List<Availability.Slot> slots,
                        java.util.Map<String, String> advisorNames) {
    }

    public Slots slots(String storeId, String typeId, LocalDate from, LocalDate to) {
        var store = catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        if (to.isBefore(from)) throw new DomainException.InvalidInput("to", "is before from");
        if (from.plusDays(policy.maxSearchDays() - 1L).isBefore(to)) {
            throw new DomainException.InvalidInput("to", "is at most " + policy.maxSearchDays() + " days after from, included");
        }
        var offer = setup.of(storeId);
        var type = offer.type(typeId).filter(AppointmentType::active)
                .orElseThrow(() -> new DomainException.NotFound("no appointment type " + typeId + " at " + storeId));
        var zone = ZoneId.of(store.timeZone());
        var advisors = offer.advisors().stream().map(Advisor::id).toList();
        // the buffers of an appointment the day before or after may reach into the range
        var busy = appointments.busy(storeId, advisors, type.resourceIds(),
                from.minusDays(1).atStartOfDay(zone).toInstant(), to.plusDays(2).atStartOfDay(zone).toInstant());
        var slots = Availability.slots(store, type, offer, busy, from, to, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        var names = new java.util.TreeMap<String, String>();
        offer.advisors().forEach(a -> names.put(a.id(), a.name()));
        return new Slots(storeId, typeId, store.timeZone(), slots, names);
    }
}
