package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The sweep: reminders once each, expiry of uncollected orders, their payment commands. */
class SweepingOrdersTest extends OrdersOnDynamoDbLocal {
    @Test
    void remindersGoOnceAndAnUncollectedOrderExpiresReleasingItsStock() {
        var ready = fx.ready("k1");
        assertThat(fx.sweeping.sweep().reminders()).isZero();
        fx.backend.clock.advance(Duration.ofHours(25));
        assertThat(fx.sweeping.sweep().reminders()).isEqualTo(1);
        assertThat(fx.sweeping.sweep().reminders()).isZero();
        fx.backend.clock.advance(Duration.ofDays(4));
        assertThat(fx.sweeping.sweep().reminders()).isEqualTo(1);
        assertThat(fx.sweeping.sweep().reminders()).isZero();
        assertThat(fx.inOutbox(OrderMessages.REMINDER + "#" + SweepingOrders.FIRST_REMINDER + "#" + ready.id())).isTrue();
        assertThat(fx.inOutbox(OrderMessages.REMINDER + "#" + SweepingOrders.LAST_REMINDER + "#" + ready.id())).isTrue();
        fx.backend.clock.advance(Duration.ofDays(2));

        var sweep = fx.sweeping.sweep();

        assertThat(sweep.expired()).isEqualTo(1);
        assertThat(fx.following.get(fx.camille, ready.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        assertThat(fx.inOutbox(OrderMessages.EXPIRED + "#" + ready.id())).isTrue();
        assertThat(fx.payments.calls()).extracting(c -> c.action()).containsExactly("VOID");
        assertThat(fx.sweeping.sweep().expired()).isZero();
    }

    @Test
    void aReminderSentBetweenWrongCodesDoesNotGiveBackTheTriesTheyUsed() {
        var ready = fx.ready("k1");
        fx.backend.clock.advance(Duration.ofHours(25));
        // the sweeper read the order before the wrong codes came, and writes its reminder after them
        var seenBySweeper = fx.orders.find(ready.id()).orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, ready.id(), "WRONG1"))
                    .hasMessageContaining("wrong pickup code");
        }
        var reminder = seenBySweeper.withReminder(SweepingOrders.FIRST_REMINDER);
        fx.orders.apply(Orders.Change.of(reminder, OrderStatus.READY).reminder(SweepingOrders.FIRST_REMINDER));

        assertThat(fx.orders.find(ready.id()).orElseThrow().wrongCodes()).isEqualTo(3);
        assertThat(fx.sweeping.sweep().reminders()).as("the next sweep sends it").isEqualTo(1);
        assertThat(fx.orders.find(ready.id()).orElseThrow().wrongCodes()).isEqualTo(3);
    }
}
