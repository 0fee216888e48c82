package com.omnicanal.appointment;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationDesk;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Ids;
import com.omnicanal.shared.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A customer books: a free slot is held for a few minutes (with the items they want to try, held at the store), then
 * confirmed. No advisor and no resource is ever taken twice: the hold takes their cells by conditional writes in one
 * transaction, so of customers racing for the last advisor free at that time exactly one gets it.
 */
public final class BookingAppointments {
    private final Catalog catalog;
    private final BookingSetup setup;
    private final Appointments appointments;
    private final ReservationDesk reservations;
    private final AppointmentMessages messages;
    private final AppointmentPolicy policy;
    private final Clock clock;

    BookingAppointments(Catalog catalog, BookingSetup setup, Appointments appointments, ReservationDesk reservations,
                        AppointmentMessages messages, AppointmentPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.setup = setup;
        this.appointments = appointments;
        this.reservations = reservations;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /** What the storefront sends, in the shape openapi.yaml states; {@link HoldAppointment} checks the rest. */
    public record BookingRequest(String storeId, String typeId, Instant start, String advisorId, Appointment.Contact contact,
                                 List<ItemRequest> items) {
        public BookingRequest {
            items = items == null ? List.of() : List.copyOf(items);
        }

        public record ItemRequest(String sku, Integer quantity) {
        }
    }

    /** A customer's booking; checks what openapi.yaml cannot say: a contact that can be reached, each SKU once. */
    public record HoldAppointment(Actor customer, BookingRequest request) {
        public HoldAppointment {
            var violations = new ArrayList<DomainException.Violation>();
            var contact = request.contact();
            if (blankToNull(contact.email()) == null && contact.phone() == null) {
                violations.add(new DomainException.Violation("contact", "needs an email or a phone number"));
            }
            if (contact.phone() != null && PhoneNumbers.toE164(contact.phone()).isEmpty()) {
                violations.add(new DomainException.Violation("contact.phone", "is not a phone number"));
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < request.items().size(); i++) {
                if (!seen.add(request.items().get(i).sku())) {
                    violations.add(new DomainException.Violation("items[" + i + "].sku", "appears twice"));
                }
            }
            if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        }

        Appointment.Contact contact() {
            var given = request.contact();
            return new Appointment.Contact(given.name().strip(), blankToNull(given.email()),
                    given.phone() == null ? null : PhoneNumbers.toE164(given.phone()).orElseThrow());
        }
    }

    /** The appointment as answered, and whether it replays an earlier identical request. */
    public record Outcome(Appointment appointment, boolean replayed) {
    }

    public Outcome hold(HoldAppointment command, IdempotencyKey key) {
        var request = command.request();
        var store = catalog.store(request.storeId())
                .orElseThrow(() -> new DomainException.NotFound("no store " + request.storeId()));
        // the services a store offers are ops' call (catalogue): one without appointments books none
        if (!store.offers(com.omnicanal.catalog.StoreOffering.APPOINTMENTS)) {
            throw new DomainException.InvalidState(store.name() + " does not take appointments");
        }
        var offer = setup.of(store.id());
        var type = offer.type(request.typeId()).filter(AppointmentType::active)
                .orElseThrow(() -> new DomainException.NotFound("no appointment type " + request.typeId() + " at " + store.id()));
        if (request.advisorId() != null && offer.advisor(request.advisorId()).filter(a -> type.givenBy(a.id())).isEmpty()) {
            throw new DomainException.InvalidInput("advisorId", "is no advisor of this store who gives " + type.name());
        }
        var products = new ArrayList<com.omnicanal.catalog.Product>();
        for (int i = 0; i < request.items().size(); i++) {
            int at = i;
            products.add(catalog.product(request.items().get(i).sku()).orElseThrow(() ->
                    new DomainException.InvalidInput("items[" + at + "].sku", "is not a known SKU")));
        }
        var now = now();
        var claim = key.claimAt(now);
        // an advisor chosen for the customer who is taken meanwhile gives way to the next one free then
        for (int attempt = 0; attempt <= offer.advisors().size(); attempt++) {
            String advisor;
            try {
                advisor = freeAdvisor(store, type, offer, request, now);
            } catch (DomainException.InvalidState taken) {
                // taken by this very request's first try? then its answer again
                var earlier = appointments.earlier(claim);
                if (earlier instanceof Appointments.Outcome.Replayed r) return new Outcome(r.appointment(), true);
                if (earlier instanceof Appointments.Outcome.KeyReused) throw key.reused();
                throw taken;
            }
            var start = request.start();
            var items = new ArrayList<Reservation>();
            for (int i = 0; i < products.size(); i++) {
                items.add(reservations.forAppointment(command.customer().id(), products.get(i).sku(), store.id(),
                        request.items().get(i).quantity(), now, start.plus(type.duration()).plus(policy.itemsGrace())));
            }
            var held = held(command, store, type, offer.advisor(advisor).orElseThrow(), items, now);
            var change = Appointments.Change.of(null, held, policy.due(held)).capacities(capacities(type, offer))
                    .holds(items).idempotency(claim);
            var outcome = appointments.apply(change);
            if (outcome instanceof Appointments.Outcome.Applied) return new Outcome(held, false);
            if (outcome instanceof Appointments.Outcome.Replayed r) return new Outcome(r.appointment(), true);
            if (outcome instanceof Appointments.Outcome.KeyReused) throw key.reused();
            if (outcome instanceof Appointments.Outcome.CustomerErased) throw new DomainException.Forbidden("this account was erased");
            if (outcome instanceof Appointments.Outcome.NotEnoughStock s) {
                throw new DomainException.InvalidState("not enough " + s.sku() + " at " + store.name() + " to hold for you to try");
            }
            if (outcome instanceof Appointments.Outcome.ResourceFull || request.advisorId() != null) throw slotTaken();
        }
        throw slotTaken();
    }

    /** Confirms a held slot (a second confirmation answers the same): the confirmation goes out with it. */
    public Appointment confirm(Actor actor, String id) {
        var current = own(actor, id);
        if (current.status() == AppointmentStatus.CONFIRMED) return current;
        var now = now();
        var confirmed = current.confirm(now, actor.id());
        var store = store(confirmed);
        var outcome = appointments.apply(Appointments.Change.of(current, confirmed, policy.due(confirmed))
                .message(messages.confirmed(confirmed, store, now)));
        if (outcome instanceof Appointments.Outcome.Applied) return confirmed;
        var now2 = own(actor, id);
        if (now2.status() == AppointmentStatus.CONFIRMED) return now2;
        throw new DomainException.InvalidState("appointment " + id + " is " + now2.status() + ", it cannot be confirmed");
    }

    private String freeAdvisor(Store store, AppointmentType type, BookingSetup.StoreSetup offer, BookingRequest request,
                               Instant now) {
        var zone = ZoneId.of(store.timeZone());
        var day = request.start().atZone(zone).toLocalDate();
        var busy = appointments.busy(store.id(), offer.advisors().stream().map(Advisor::id).toList(), type.resourceIds(),
                day.minusDays(1).atStartOfDay(zone).toInstant(), day.plusDays(2).atStartOfDay(zone).toInstant());
        var slot = Availability.slots(store, type, offer, busy, day, day, now).stream()
                .filter(s -> s.start().equals(request.start())).findFirst().orElseThrow(BookingAppointments::slotTaken);
        if (request.advisorId() == null) return slot.advisorIds().get(0);
        if (!slot.advisorIds().contains(request.advisorId())) throw slotTaken();
        return request.advisorId();
    }

    private Appointment held(HoldAppointment command, Store store, AppointmentType type, Advisor advisor,
                             List<Reservation> holds, Instant now) {
        var request = command.request();
        var items = holds.stream().map(r -> new Appointment.ItemToTry(r.sku(), r.productName(), r.quantity(), r.id(),
                Appointment.ItemToTry.HELD)).toList();
        return new Appointment(Ids.newId(), command.customer().id(), store.id(), store.name(), type.id(), type.name(), advisor.id(),
                advisor.name(), request.start(), request.start().plus(type.duration()), type.bufferBeforeMinutes(),
                type.bufferAfterMinutes(), type.resourceIds(), command.contact(), items, AppointmentStatus.HELD,
                now.plus(policy.holdPeriod()), now, null, null, null, null, 0,
                List.of(new Appointment.Event(AppointmentStatus.HELD.name(), now, command.customer().id(), null)), List.of(), now);
    }

    static Map<String, Integer> capacities(AppointmentType type, BookingSetup.StoreSetup offer) {
        return type.resourceIds().stream().collect(Collectors.toMap(id -> id,
                id -> offer.resource(id).map(Resource::capacity).orElse(0)));
    }

    private Appointment own(Actor actor, String id) {
        return appointments.find(id).filter(a -> a.customerId().equals(actor.id()))
                .orElseThrow(() -> new DomainException.NotFound("no appointment " + id));
    }

    private Store store(Appointment a) {
        return catalog.store(a.storeId()).orElseThrow(() -> new IllegalStateException("store " + a.storeId() + " is gone"));
    }

    static DomainException slotTaken() {
        return new DomainException.InvalidState("this slot is no longer free: choose another");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
