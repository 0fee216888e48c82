package com.omnicanal.appointment;

import static com.omnicanal.appointment.AppointmentFixture.SKU;
import static com.omnicanal.appointment.AppointmentFixture.STORE;
import static com.omnicanal.appointment.AppointmentFixture.at;
import static com.omnicanal.appointment.AppointmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import biweekly.Biweekly;
import com.omnicanal.appointment.BookingAppointments.BookingRequest.ItemRequest;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Booking, changing and hosting appointments through the use cases, over DynamoDB Local. */
class BookingAppointmentsTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private AppointmentFixture fx;
    private final Actor hugo = Actor.customer("cust-hugo");

    @BeforeEach
    void fresh() {
        fx = new AppointmentFixture(dynamo.client());
    }

    @Test
    void aHeldSlotIsConfirmedWithAnEmailInvitationAndASignedLink() {
        var held = fx.hold(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1").appointment();
        assertThat(held.status()).isEqualTo(AppointmentStatus.HELD);
        assertThat(held.holdExpiresAt()).isEqualTo(fx.backend.clock.instant().plus(AppointmentPolicy.DEFAULT.holdPeriod()));
        assertThat(fx.outbox()).as("nothing is said of a hold").isEmpty();

        var confirmed = fx.book.booking().confirm(fx.camille, held.id());
        assertThat(confirmed.status()).isEqualTo(AppointmentStatus.CONFIRMED);
        assertThat(fx.book.booking().confirm(fx.camille, held.id())).as("a second click").isEqualTo(confirmed);
        var message = only(AppointmentMessages.CONFIRMED);
        assertThat(message.templateData()).containsEntry("date", "24/11/2026").containsEntry("time", "10:00")
                .containsEntry("advisorName", "Léa Dubois");
        assertThat(message.delivery().contact().email()).isEqualTo("camille.martin@example.fr");
        var event = Biweekly.parse(message.templateData().get("calendar")).first();
        assertThat(event.getMethod().getValue()).isEqualTo("REQUEST");
        assertThat(event.getEvents().get(0).getDateStart().getValue().toInstant()).isEqualTo(at("2026-11-24T10:00"));
        assertThat(event.getEvents().get(0).getUid().getValue()).isEqualTo(held.id() + "@omnicanal");
        var link = message.templateData().get("manageLink");
        assertThat(link).startsWith(AppointmentPolicy.DEFAULT.linkBase());
        var token = link.substring(AppointmentPolicy.DEFAULT.linkBase().length());
        assertThat(fx.book.changing().byLink(token).id()).isEqualTo(held.id());
        assertThatThrownBy(() -> fx.book.changing().byLink(token + "x")).isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void theSameRequestWithTheSameKeyReplaysTheFirstAnswerAndAnotherRequestIsRefused() {
        var first = fx.hold(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        var again = fx.hold(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.appointment()).isEqualTo(first.appointment());
        assertThatThrownBy(() -> fx.hold(fx.camille, request("styling", "2026-11-24T11:30", "adv-lea"), "k1"))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThat(fx.appointments.byStore(STORE, at("2026-11-24T00:00"), at("2026-11-25T00:00"))).hasSize(1);
    }

    @Test
    void aTakenAdvisorIsRefusedAndWithoutPreferenceTheOtherAdvisorGetsIt() {
        fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        // her buffer runs to 11:15: 11:00 overlaps it
        assertThatThrownBy(() -> fx.hold(hugo, request("styling", "2026-11-24T11:00", "adv-lea"), "k2"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("no longer free");
        var other = fx.hold(hugo, request("styling", "2026-11-24T10:00", null), "k3").appointment();
        assertThat(other.advisorId()).isEqualTo("adv-marc");
        var slots = fx.book.finding().slots(STORE, "styling", LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-24"));
        assertThat(slots.slots()).noneMatch(s -> s.start().equals(at("2026-11-24T10:00")))
                .anyMatch(s -> s.start().equals(at("2026-11-24T11:15")) && s.advisorIds().contains("adv-lea"));
    }

    @Test
    void oneFittingRoomHoldsOneFittingAtATimeWhateverTheAdvisors() {
        fx.hold(fx.camille, request("fitting", "2026-11-24T10:00", "adv-lea"), "k1");
        assertThatThrownBy(() -> fx.hold(hugo, request("fitting", "2026-11-24T10:15", "adv-marc"), "k2"))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.hold(hugo, request("fitting", "2026-11-24T10:30", "adv-marc"), "k3").appointment().status())
                .isEqualTo(AppointmentStatus.HELD);
    }

    @Test
    void aHoldNeverConfirmedExpiresAndGivesBackItsTimeAndItsItems() {
        var held = fx.hold(fx.camille, request("fitting", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 2)), "k1")
                .appointment();
        assertThat(fx.backend.level(SKU, STORE).reserved()).isEqualTo(2);
        fx.backend.clock.advance(Duration.ofMinutes(11));
        assertThatThrownBy(() -> fx.book.booking().confirm(fx.camille, held.id())).isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.book.sweeping().sweep().expired()).isEqualTo(1);
        assertThat(fx.book.sweeping().sweep().expired()).as("only once").isZero();
        assertThat(fx.backend.level(SKU, STORE).reserved()).isZero();
        assertThat(fx.appointments.find(held.id()).orElseThrow().status()).isEqualTo(AppointmentStatus.EXPIRED);
        assertThat(fx.hold(hugo, request("fitting", "2026-11-24T10:00", "adv-lea"), "k2").appointment().status())
                .isEqualTo(AppointmentStatus.HELD);
    }

    @Test
    void theCustomerCancelsBeforeTheCutOffAndTheCalendarEntryIsCancelled() {
        var booked = fx.book(fx.camille, request("fitting", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 1)), "k1");
        var cancelled = fx.book.changing().cancel(fx.camille, booked.id());
        assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(cancelled.cancelledBy()).isEqualTo("CUSTOMER");
        assertThat(fx.backend.level(SKU, STORE).reserved()).isZero();
        var notice = only(AppointmentMessages.CANCELLED);
        assertThat(Biweekly.parse(notice.templateData().get("calendar")).first().getMethod().getValue()).isEqualTo("CANCEL");
        assertThat(fx.hold(hugo, request("fitting", "2026-11-24T10:00", "adv-lea"), "k2").appointment().status())
                .isEqualTo(AppointmentStatus.HELD);
    }

    @Test
    void afterTheCutOffTheCustomerCanNoLongerChangeIt() {
        var booked = fx.book(fx.camille, request("styling", "2026-11-23T15:00", "adv-lea"), "k1");
        fx.backend.clock.advance(Duration.ofHours(1).plusMinutes(1)); // 11:01, cut-off 11:00
        assertThatThrownBy(() -> fx.book.changing().cancel(fx.camille, booked.id()))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("23/11/2026 11:00");
        assertThatThrownBy(() -> fx.book.changing().reschedule(fx.camille, booked.id(), at("2026-11-23T17:00"), null))
                .isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void movingItWithinItsOwnTimeFreesTheOldQuarterHoursTakesTheNewAndUpdatesTheCalendarEntry() {
        var booked = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 1)), "k1");
        var moved = fx.book.changing().reschedule(fx.camille, booked.id(), at("2026-11-24T10:30"), null);
        assertThat(moved.advisorId()).as("the same advisor, free then").isEqualTo("adv-lea");
        assertThat(moved.sequence()).isEqualTo(1);
        var busy = fx.appointments.busy(STORE, java.util.List.of("adv-lea"), java.util.List.of(), at("2026-11-24T00:00"),
                at("2026-11-25T00:00")).advisorCells().get("adv-lea");
        assertThat(busy).containsExactlyInAnyOrderElementsOf(moved.advisorCells());
        var notice = only(AppointmentMessages.RESCHEDULED);
        var event = Biweekly.parse(notice.templateData().get("calendar")).first().getEvents().get(0);
        assertThat(event.getSequence().getValue()).isEqualTo(1);
        assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(at("2026-11-24T10:30"));
        var hold = fx.backend.reservations.find(moved.items().get(0).reservationId()).orElseThrow();
        assertThat(hold.expiresAt()).isEqualTo(moved.end().plus(AppointmentPolicy.DEFAULT.itemsGrace()));
    }

    @Test
    void remindersGo24HoursAnd2HoursBeforeOnceEach() {
        var booked = fx.book(fx.camille, request("styling", "2026-11-25T15:00", "adv-lea"), "k1");
        assertThat(fx.book.sweeping().sweep().reminded()).isZero();
        fx.backend.clock.advance(Duration.between(fx.backend.clock.instant(), booked.start().minus(Duration.ofHours(24))));
        assertThat(fx.book.sweeping().sweep().reminded()).isEqualTo(1);
        assertThat(fx.book.sweeping().sweep().reminded()).isZero();
        fx.backend.clock.advance(Duration.ofHours(22));
        assertThat(fx.book.sweeping().sweep().reminded()).isEqualTo(1);
        fx.backend.clock.advance(Duration.ofHours(3));
        assertThat(fx.book.sweeping().sweep().reminded()).isZero();
        var reminders = fx.outbox().stream().filter(m -> m.kind().equals(AppointmentMessages.REMINDER)).toList();
        assertThat(reminders).hasSize(2);
        assertThat(reminders).filteredOn(m -> m.dedupeKey().contains("#24h#")).singleElement()
                .satisfies(m -> assertThat(m.templateData().get("manageLink")).isNotEmpty());
        assertThat(reminders).filteredOn(m -> m.dedupeKey().contains("#2h#")).singleElement()
                .as("past the cut-off: no link").satisfies(m -> assertThat(m.templateData().get("manageLink")).isEmpty());
    }

    @Test
    void bookedLessThanADayAheadOnlyTheLastReminderGoes() {
        fx.book(fx.camille, request("styling", "2026-11-23T19:00".replace("19:00", "18:00"), "adv-lea"), "k1");
        fx.backend.clock.advance(Duration.ofHours(6)); // 16:00, 2 h before
        assertThat(fx.book.sweeping().sweep().reminded()).isEqualTo(1);
        assertThat(fx.outbox()).filteredOn(m -> m.kind().equals(AppointmentMessages.REMINDER)).singleElement()
                .satisfies(m -> assertThat(m.dedupeKey()).contains("#2h#"));
    }

    @Test
    void theAdvisorSeesTheDayChecksInAndCompletesTheItemsBoughtAreSoldTheOthersReleased() {
        fx.backend.stock("BOU-CIR-FIG", STORE, 3);
        var booked = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 1),
                new ItemRequest("BOU-CIR-FIG", 1)), "k1");
        var agenda = fx.book.hosting().agenda(fx.staff, STORE, LocalDate.parse("2026-11-24"), "adv-lea");
        assertThat(agenda).singleElement().satisfies(e -> {
            assertThat(e.appointment().id()).isEqualTo(booked.id());
            assertThat(e.customer().name()).isEqualTo("Camille Martin");
            assertThat(e.appointment().items()).extracting(Appointment.ItemToTry::sku).containsExactly(SKU, "BOU-CIR-FIG");
        });
        assertThat(fx.book.hosting().agenda(fx.staff, STORE, LocalDate.parse("2026-11-24"), "adv-marc")).isEmpty();
        assertThatThrownBy(() -> fx.book.hosting().agenda(Actor.staff("staff-karim", "lyon-republique"), STORE,
                LocalDate.parse("2026-11-24"), null)).isInstanceOf(DomainException.Forbidden.class);
        fx.backend.clock.advance(Duration.ofDays(1));
        fx.book.hosting().checkIn(fx.staff, STORE, booked.id());
        var done = fx.book.hosting().complete(fx.staff, STORE, booked.id(), Set.of(SKU));
        assertThat(done.items()).extracting(Appointment.ItemToTry::outcome).containsExactly("BOUGHT", "RELEASED");
        assertThat(fx.backend.level(SKU, STORE).onHand()).isEqualTo(4);
        assertThat(fx.backend.level(SKU, STORE).reserved()).isZero();
        assertThat(fx.backend.level("BOU-CIR-FIG", STORE).onHand()).isEqualTo(3);
        assertThat(fx.backend.level("BOU-CIR-FIG", STORE).reserved()).isZero();
        // the completion wrote its business event in its transaction, for feedback's stream consumer
        assertThat(fx.backend.businessEvents()).containsExactly(new BusinessEvent.AppointmentCompleted(booked.id(),
                "cust-camille", STORE, Set.of(SKU, "BOU-CIR-FIG"), done.updatedAt()));
    }

    @Test
    void completedAfterItsItemsHoldsExpiredOnTheirOwnNothingIsReleasedOrSoldTwice() {
        fx.backend.stock("BOU-CIR-FIG", STORE, 3);
        var booked = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 1),
                new ItemRequest("BOU-CIR-FIG", 1)), "k1");
        fx.backend.clock.advance(Duration.ofDays(1).plusHours(4));
        // the reservation sweeper ends both holds two hours after the appointment, which staff complete later
        assertThat(fx.backend.reservationService.releaseExpired(10)).isEqualTo(2);
        var done = fx.book.hosting().complete(fx.staff, STORE, booked.id(), Set.of("BOU-CIR-FIG"));
        assertThat(done.status()).isEqualTo(AppointmentStatus.COMPLETED);
        // the candle sold at the till is the store's feed to count: no hold is left to sell it from
        for (var sku : java.util.List.of(SKU, "BOU-CIR-FIG")) {
            assertThat(fx.backend.level(sku, STORE).reserved()).as(sku).isZero();
            assertThat(fx.backend.level(sku, STORE).onHand()).as(sku).isEqualTo(SKU.equals(sku) ? 5 : 3);
        }
    }

    @Test
    void aNoShowReleasesTheItemsAndCountsInTheStoreFigures() {
        var missed = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea", new ItemRequest(SKU, 1)), "k1");
        var kept = fx.book(hugo, request("styling", "2026-11-24T12:00", "adv-lea"), "k2");
        var advisorAway = fx.book(hugo, request("styling", "2026-11-24T14:00", "adv-marc"), "k3");
        var cancelled = fx.book(fx.camille, request("styling", "2026-11-25T14:00", "adv-marc"), "k4");
        fx.book.changing().cancel(fx.camille, cancelled.id());
        assertThatThrownBy(() -> fx.book.hosting().noShow(fx.staff, STORE, missed.id(), Appointment.Party.CUSTOMER))
                .as("not before it starts").isInstanceOf(DomainException.InvalidState.class);
        fx.backend.clock.advance(Duration.ofDays(1).plusHours(6));
        fx.book.hosting().noShow(fx.staff, STORE, missed.id(), Appointment.Party.CUSTOMER);
        fx.book.hosting().complete(fx.staff, STORE, kept.id(), Set.of());
        fx.book.hosting().noShow(fx.staff, STORE, advisorAway.id(), Appointment.Party.ADVISOR);
        assertThat(fx.backend.level(SKU, STORE).reserved()).isZero();
        var figures = fx.book.reporting().of(Actor.ops("ops-nadia"), STORE, LocalDate.parse("2026-11-24"), LocalDate.parse("2026-11-25"));
        assertThat(figures.bookings()).isEqualTo(4);
        assertThat(figures.completed()).isEqualTo(1);
        assertThat(figures.customerNoShows()).isEqualTo(1);
        assertThat(figures.advisorNoShows()).isEqualTo(1);
        assertThat(figures.cancelledByCustomer()).isEqualTo(1);
        assertThat(figures.noShowRate()).isEqualTo(0.5);
        // booked Monday 10:00 for Tuesday 10:00, 12:00, 14:00 and Wednesday 14:00: 24, 26, 28 and 52 hours ahead
        assertThat(figures.averageLeadTimeHours()).isEqualTo(32.5);
        assertThat(figures.medianLeadTimeHours()).isEqualTo(27.0);
    }

    @Test
    void theStoreCancelsAndTheCustomerIsToldWhy() {
        var booked = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        fx.book.hosting().cancel(fx.staff, STORE, booked.id(), "Léa est malade");
        var notice = only(AppointmentMessages.CANCELLED_BY_STORE);
        assertThat(notice.templateData()).containsEntry("reason", "Léa est malade");
        assertThat(notice.templateData().get("manageLink")).as("nothing left to manage").isEmpty();
    }

    @Test
    void theLinkCancelsWithoutSigningInAndAnExpiredLinkIsGone() {
        var booked = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        var token = fx.links.issue(booked.id(), booked.start());
        assertThat(fx.book.changing().cancelByLink(token).status()).isEqualTo(AppointmentStatus.CANCELLED);
        var old = fx.links.issue(booked.id(), fx.backend.clock.instant().minusSeconds(1));
        assertThatThrownBy(() -> fx.book.changing().byLink(old)).isInstanceOf(DomainException.Gone.class);
    }

    private OutboxMessage only(String kind) {
        var of = fx.outbox().stream().filter(m -> m.kind().equals(kind)).toList();
        assertThat(of).as(kind).hasSize(1);
        return of.get(0);
    }
}
