package com.omnicanal.appointment;

import static com.omnicanal.appointment.AppointmentFixture.STORE;
import static com.omnicanal.appointment.AppointmentFixture.at;
import static com.omnicanal.appointment.AppointmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.appointment.jwt.JwtManageLinks;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever customers, staff and the sweeper do, in any order (holds, confirmations, cancellations by either side,
 * moves, holds left to expire), no two appointments that take time overlap for one advisor (buffers included), no
 * resource is ever used beyond its capacity, and the quarter hours stored as taken are exactly those of the
 * appointments that take time: nothing leaks, nothing is freed twice.
 */
abstract class BookingInvariantProperties {
    private static final List<String> STARTS = List.of("10:00", "10:15", "10:30", "10:45", "11:00", "11:30");
    private static final Actor STAFF = Actor.staff("staff-lea", STORE);
    private static final List<String> ADVISORS = java.util.Arrays.asList("adv-lea", "adv-marc", null);

    enum Kind { HOLD, CONFIRM, CANCEL, STORE_CANCEL, MOVE, LET_HOLDS_EXPIRE }

    record Step(Kind kind, int customer, int slot, int advisor, boolean fitting) {
    }

    /** The use cases over one backend, fresh for each try, furnished as {@link AppointmentFixture#furnish} says. */
    record Booking(AppointmentBook book, Appointments appointments, MutableClock clock) {
        BookingAppointments.Outcome hold(Actor customer, BookingAppointments.BookingRequest request, String key) {
            return book.booking().hold(new BookingAppointments.HoldAppointment(customer, request),
                    AppointmentFixture.key(customer, key, request));
        }
    }

    protected abstract Booking booking();

    /** The use cases over these adapters, on the backend's clock and reservations. */
    static Booking booking(Backend backend, BookingSetup setup, Appointments appointments) {
        AppointmentFixture.furnish(setup, backend);
        return new Booking(AppointmentBook.of(backend.catalog(), setup, appointments, backend.reservationService(),
                CustomerSummaries.NONE, CalendarInvitations.NONE, new JwtManageLinks(AppointmentFixture.SECRET),
                AppointmentPolicy.DEFAULT, backend.clock()), appointments, backend.clock());
    }

    @Property(tries = 40)
    void noAdvisorOrResourceIsEverTakenTwice(@ForAll("steps") List<Step> steps) {
        var fx = booking();
        var mine = new HashMap<Integer, List<String>>();
        int keys = 0;
        for (var step : steps) {
            var customer = Actor.customer("cust-" + step.customer());
            var ids = mine.computeIfAbsent(step.customer(), c -> new ArrayList<>());
            var target = ids.isEmpty() ? null : ids.get(step.slot() % ids.size());
            try {
                switch (step.kind()) {
                    case HOLD -> ids.add(fx.hold(customer, request(step.fitting() ? "fitting" : "styling",
                            "2026-11-24T" + STARTS.get(step.slot()), ADVISORS.get(step.advisor())), "k" + keys++)
                            .appointment().id());
                    case CONFIRM -> { if (target != null) fx.book().booking().confirm(customer, target); }
                    case CANCEL -> { if (target != null) fx.book().changing().cancel(customer, target); }
                    case STORE_CANCEL -> { if (target != null) fx.book().hosting().cancel(STAFF, STORE, target, "closed"); }
                    case MOVE -> {
                        if (target != null) fx.book().changing().reschedule(customer, target,
                                at("2026-11-24T" + STARTS.get((step.slot() + step.advisor()) % STARTS.size())),
                                ADVISORS.get(step.advisor()));
                    }
                    case LET_HOLDS_EXPIRE -> {
                        fx.clock().advance(AppointmentPolicy.DEFAULT.holdPeriod().plus(Duration.ofMinutes(1)));
                        fx.book().sweeping().sweep();
                    }
                }
            } catch (DomainException.InvalidState | DomainException.NotFound refused) {
                // taken, expired, not in a state for it: refused, and the invariants must still hold
            }
            invariants(fx);
        }
    }

    private static void invariants(Booking fx) {
        var all = fx.appointments().byStore(STORE, at("2026-11-23T00:00"), at("2026-11-26T00:00"));
        var active = all.stream().filter(a -> a.status().takesTime()).toList();
        var advisorCells = new HashMap<String, Set<Instant>>();
        var roomUnits = new HashMap<Instant, Integer>();
        for (var a : active) {
            var cells = advisorCells.computeIfAbsent(a.advisorId(), k -> new HashSet<>());
            for (var cell : a.advisorCells()) {
                assertThat(cells.add(cell)).as("%s double booked at %s", a.advisorId(), cell).isTrue();
            }
            if (a.resourceIds().contains("room")) a.resourceCells().forEach(c -> roomUnits.merge(c, 1, Integer::sum));
        }
        assertThat(roomUnits.values()).as("the one fitting room").allMatch(n -> n <= 1);
        var stored = fx.appointments().busy(STORE, List.of("adv-lea", "adv-marc"), List.of("room"),
                at("2026-11-23T00:00"), at("2026-11-26T00:00"));
        for (var advisor : List.of("adv-lea", "adv-marc")) {
            assertThat(stored.advisorCells().get(advisor)).as("%s's stored cells", advisor)
                    .containsExactlyInAnyOrderElementsOf(advisorCells.getOrDefault(advisor, Set.of()));
        }
        var storedUnits = new HashMap<>(stored.resourceUnits().get("room"));
        storedUnits.values().removeIf(n -> n == 0);
        assertThat(storedUnits).as("the room's stored units").isEqualTo(roomUnits);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        var step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, STARTS.size() - 1), Arbitraries.integers().between(0, 2),
                Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(4).ofMaxSize(16);
    }
}
