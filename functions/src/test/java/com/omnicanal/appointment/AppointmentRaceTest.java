package com.omnicanal.appointment;

import static com.omnicanal.appointment.AppointmentFixture.STORE;
import static com.omnicanal.appointment.AppointmentFixture.at;
import static com.omnicanal.appointment.AppointmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customers racing for the same time: no advisor and no resource is ever taken twice. */
class AppointmentRaceTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final int RACERS = 20;
    private AppointmentFixture fx;

    @BeforeEach
    void fresh() {
        fx = new AppointmentFixture(dynamo.client());
    }

    @Test
    void twentyCustomersRacingForOneAdvisorsSlotGiveExactlyOneBooking() throws Exception {
        var outcomes = race(i -> request("styling", "2026-11-24T10:00", "adv-lea"));
        assertThat(outcomes.values()).hasSize(1);
        assertThat(outcomes.failures()).hasSize(RACERS - 1);
        var taken = fx.appointments.byStore(STORE, at("2026-11-24T00:00"), at("2026-11-25T00:00"));
        assertThat(taken).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(outcomes.values().get(0).id()));
        var cells = fx.appointments.busy(STORE, List.of("adv-lea"), List.of(), at("2026-11-24T00:00"), at("2026-11-25T00:00"))
                .advisorCells().get("adv-lea");
        assertThat(cells).containsExactlyInAnyOrderElementsOf(taken.get(0).advisorCells());
    }

    @Test
    void twentyCustomersRacingForTheOneFittingRoomGiveExactlyOneFittingWhateverTheAdvisor() throws Exception {
        var outcomes = race(i -> request("fitting", "2026-11-24T10:00", i % 2 == 0 ? "adv-lea" : "adv-marc"));
        assertThat(outcomes.values()).hasSize(1);
        assertThat(outcomes.failures()).hasSize(RACERS - 1);
        var units = fx.appointments.busy(STORE, List.of(), List.of("room"), at("2026-11-24T00:00"), at("2026-11-25T00:00"))
                .resourceUnits().get("room");
        assertThat(units).containsOnlyKeys(outcomes.values().get(0).resourceCells()).allSatisfy((cell, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void withoutPreferenceTwentyCustomersGetTheTwoAdvisorsFreeOneEach() throws Exception {
        var outcomes = race(i -> request("styling", "2026-11-24T10:00", null));
        assertThat(outcomes.values()).extracting(Appointment::advisorId).containsExactlyInAnyOrder("adv-lea", "adv-marc");
        assertThat(outcomes.failures()).hasSize(RACERS - 2);
    }

    private Race.Outcomes<Appointment> race(java.util.function.IntFunction<BookingAppointments.BookingRequest> requests)
            throws Exception {
        return Race.of(RACERS).expecting(DomainException.InvalidState.class).within(Duration.ofMinutes(2)).run(racer ->
                fx.hold(Actor.customer("cust-race-" + racer), requests.apply(racer), "race-" + racer).appointment());
    }
}
