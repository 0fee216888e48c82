package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Orders read the store's hours in force on the day (demo stores.json: Paris Rivoli closes at 19:30 on weekdays, at
 * 17:00 on 24 December, is closed on 25 December, and promises orders within 60 minutes of opening time).
 */
class StoreHoursInOrdersTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private OrderFixture fx;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client()).stocked();
    }

    private void at(String instant) {
        fx.backend.clock.advance(Duration.between(fx.backend.clock.instant(), Instant.parse(instant)));
    }

    @Test
    void anOrderPlacedNearClosingIsPromisedForTheNextMorningCountingOpeningTimeOnly() {
        at("2026-11-23T18:00:00Z"); // Monday 19:00 in Paris: 30 minutes left today
        var order = fx.placed("late-1", "TSH-COT-BLU-M", "1");
        assertThat(order.readyBy()).isEqualTo(Instant.parse("2026-11-24T09:30:00Z")); // Tuesday 10:30
    }

    @Test
    void holidayHoursAndAClosureMoveThePromiseAndTheReadyMessageSaysTheHoursOfThoseDays() {
        at("2026-12-24T15:30:00Z"); // 16:30 on Christmas Eve, open until 17:00; closed on the 25th
        var order = fx.placed("eve-1", "TSH-COT-BLU-M", "1");
        assertThat(order.readyBy()).isEqualTo(Instant.parse("2026-12-26T09:30:00Z")); // Saturday 26th, 10:30

        fx.preparing.accept(fx.lea, fx.paris, order.id());
        fx.preparing.ready(fx.lea, fx.paris, order.id());
        var data = new DynamoDeliveryLog(fx.backend.dynamo, fx.backend.tables.outbox())
                .find(OrderMessages.READY + "#" + order.id()).orElseThrow().message().templateData();
        assertThat(data).containsEntry("hoursToday", "10:00-17:00").containsEntry("hoursTomorrow", "");
    }
}
