package com.omnicanal.appointment;

import static com.omnicanal.appointment.AppointmentFixture.STORE;
import static com.omnicanal.appointment.AppointmentFixture.at;
import static com.omnicanal.appointment.AppointmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
        assertThat(outcomes.won()).hasSize(1);
        assertThat(outcomes.refused()).hasSize(RACERS - 1);
        var taken = fx.appointments.byStore(STORE, at("2026-11-24T00:00"), at("2026-11-25T00:00"));
        assertThat(taken).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(outcomes.won().get(0).id()));
        var cells = fx.appointments.busy(STORE, List.of("adv-lea"), List.of(), at("2026-11-24T00:00"), at("2026-11-25T00:00"))
                .advisorCells().get("adv-lea");
        assertThat(cells).containsExactlyInAnyOrderElementsOf(taken.get(0).advisorCells());
    }

    @Test
    void twentyCustomersRacingForTheOneFittingRoomGiveExactlyOneFittingWhateverTheAdvisor() throws Exception {
        var outcomes = race(i -> request("fitting", "2026-11-24T10:00", i % 2 == 0 ? "adv-lea" : "adv-marc"));
        assertThat(outcomes.won()).hasSize(1);
        assertThat(outcomes.refused()).hasSize(RACERS - 1);
        var units = fx.appointments.busy(STORE, List.of(), List.of("room"), at("2026-11-24T00:00"), at("2026-11-25T00:00"))
                .resourceUnits().get("room");
        assertThat(units).containsOnlyKeys(outcomes.won().get(0).resourceCells()).allSatisfy((cell, n) -> assertThat(n).isEqualTo(1));
    }

    @Test
    void withoutPreferenceTwentyCustomersGetTheTwoAdvisorsFreeOneEach() throws Exception {
        var outcomes = race(i -> request("styling", "2026-11-24T10:00", null));
        assertThat(outcomes.won()).extracting(Appointment::advisorId).containsExactlyInAnyOrder("adv-lea", "adv-marc");
        assertThat(outcomes.refused()).hasSize(RACERS - 2);
    }

    private record Outcomes(List<Appointment> won, List<RuntimeException> refused) {
    }

    private Outcomes race(java.util.function.IntFunction<BookingAppointments.BookingRequest> requests) throws Exception {
        var won = new ConcurrentLinkedQueue<Appointment>();
        var refused = new ConcurrentLinkedQueue<RuntimeException>();
        var unexpected = new ConcurrentLinkedQueue<Throwable>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(RACERS);
        for (int i = 0; i < RACERS; i++) {
            int racer = i;
            pool.submit(() -> {
                try {
                    start.await();
                    won.add(fx.hold(Actor.customer("cust-race-" + racer), requests.apply(racer), "race-" + racer).appointment());
                } catch (DomainException.InvalidState slotTaken) {
                    refused.add(slotTaken);
                } catch (Throwable t) {
                    unexpected.add(t);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(2, TimeUnit.MINUTES)).isTrue();
        assertThat(unexpected).isEmpty();
        return new Outcomes(new ArrayList<>(won), new ArrayList<>(refused));
    }
}
