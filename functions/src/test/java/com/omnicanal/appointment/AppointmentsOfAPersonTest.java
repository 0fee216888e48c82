package com.omnicanal.appointment;

import static com.omnicanal.appointment.AppointmentFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A person's appointments are theirs in the customer capability too: exported, moved by a merge, scrubbed by an erasure. */
class AppointmentsOfAPersonTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private AppointmentFixture fx;
    private DynamoCustomerHistory history;

    @BeforeEach
    void fresh() {
        fx = new AppointmentFixture(dynamo.client());
        history = new DynamoCustomerHistory(dynamo.client(), fx.backend.tables);
    }

    @Test
    void anErasureTakesTheContactOutOfThePersonsAppointmentsAndLeavesOthersAlone() {
        var mine = fx.book(fx.camille, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");
        var hugo = Actor.customer("cust-hugo");
        var his = fx.book(hugo, request("styling", "2026-11-24T10:00", "adv-marc"), "k2");
        assertThat(history.export("cust-camille")).anySatisfy(r -> assertThat(r.toString()).contains(mine.id(),
                "camille.martin@example.fr"));

        history.anonymise("cust-camille", "anon-1");

        var scrubbed = fx.appointments.find(mine.id()).orElseThrow();
        assertThat(scrubbed.customerId()).isEqualTo("anon-1");
        assertThat(scrubbed.contact()).isNull();
        assertThat(history.export("cust-camille")).isEmpty();
        // the store's agenda keeps the time it was booked for
        assertThat(scrubbed.start()).isEqualTo(mine.start());
        var untouched = fx.appointments.find(his.id()).orElseThrow();
        assertThat(untouched.customerId()).isEqualTo("cust-hugo");
        assertThat(untouched.contact()).isNotNull();
    }

    @Test
    void aMergeMovesTheWalkInsAppointmentsToTheSurvivor() {
        var walkIn = Actor.customer("walkin-7");
        var booked = fx.book(walkIn, request("styling", "2026-11-24T10:00", "adv-lea"), "k1");

        assertThat(history.reassign("walkin-7", "cust-camille")).isPositive();

        assertThat(fx.appointments.find(booked.id()).orElseThrow().customerId()).isEqualTo("cust-camille");
        assertThat(history.export("walkin-7")).isEmpty();
    }
}
