package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.SmsText;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store works its queue: accepts, rejects, marks ready with a pickup code and its message. */
class PreparingOrdersTest extends OrdersOnDynamoDbLocal {
    @Test
    void theOrderReadySmsGivesTodaysAndTomorrowsHoursInFrenchInTheStoresTimeZone() {
        // Monday 23 November 2026, 10:00 in Paris: Rivoli opens 10:00-19:30 on Mondays and Tuesdays
        var monday = fx.ready("k1");
        var sms = fx.frenchSms(OrderMessages.READY + "#" + monday.id());
        assertThat(sms).contains("Horaires : aujourd'hui 10:00-19:30, demain 10:00-19:30.")
                .contains("commande " + monday.id().substring(monday.id().length() - 6))
                .doesNotContain("MON", "TUE", "SUN", "...");
        assertThat(SmsText.segments(sms).encoding()).isEqualTo(SmsText.Encoding.GSM7);
        assertThat(SmsText.segments(sms).count()).isLessThanOrEqualTo(Dispatcher.Policy.DEFAULT.smsMaxSegments());

        // Saturday afternoon at Saint-Germain, closed on Sundays
        fx.backend.clock.advance(Duration.ofDays(5).plusHours(4).plusMinutes(30));
        var order = fx.place(fx.camille, OrderFixture.request(fx.saintGermain, "TSH-COT-BLU-M", "1"), "k2").order();
        var staff = Actor.staff("staff-ines", fx.saintGermain);
        fx.preparing.accept(staff, fx.saintGermain, order.id());
        fx.preparing.ready(staff, fx.saintGermain, order.id());
        assertThat(fx.frenchSms(OrderMessages.READY + "#" + order.id()))
                .contains("Horaires : aujourd'hui 10:00-20:00, demain fermé.");

        // Saturday 23:30 UTC is already Sunday in Paris: Rivoli opens 11:00-13:00 on Sundays
        fx.backend.clock.advance(Duration.ofHours(10));
        var sunday = fx.ready("k3");
        assertThat(fx.frenchSms(OrderMessages.READY + "#" + sunday.id()))
                .contains("Horaires : aujourd'hui 11:00-13:00, demain 10:00-19:30.");
    }

    @Test
    void twentyFourDevicesMarkingReadyAtOnceLeaveOneCode() throws Exception {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.preparing.accept(fx.lea, fx.paris, order.id());
        var race = Race.of(24).expecting(DomainException.InvalidState.class)
                .run(i -> fx.preparing.ready(fx.lea, fx.paris, order.id()).pickupCode());
        assertThat(race.values()).hasSize(1);
        var stored = fx.following.get(fx.camille, order.id());
        assertThat(stored.pickupCode()).isEqualTo(race.values().get(0));
        assertThat(fx.backend.countItems().get("Orders")).isEqualTo(2); // the order and its one pickup code
    }

    @Test
    void rejectionReleasesTheStockAndTellsTheCustomerWhereElse() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        var rejected = fx.preparing.reject(fx.lea, fx.paris, order.id(), "article abîmé");
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        var message = dynamo.client().getItem(r -> r.tableName("Outbox")
                .key(Map.of("id", AttributeValue.fromS(OrderMessages.REJECTED + "#" + order.id())))).item();
        assertThat(message.get("templateData").m().get("alternatives").s()).contains("Saint-Germain");
    }

    @Test
    void pickupCodesAreUniqueAmongTheStoresOpenOrders() {
        fx.backend.stock("TSH-COT-BLU-M", fx.paris, 60);
        var codes = new HashSet<String>();
        for (int i = 0; i < 40; i++) codes.add(fx.ready("k" + i).pickupCode());
        assertThat(codes).hasSize(40);
        var another = fx.placed("other", "TSH-COT-BLU-M", "1");
        fx.preparing.accept(fx.lea, fx.paris, another.id());
        var taken = codes.iterator().next();
        var clash = fx.following.get(fx.lea, another.id()).moveTo(OrderStatus.READY, fx.backend.clock.instant(), "t", null)
                .with(taken, fx.backend.clock.instant(), fx.backend.clock.instant().plus(Duration.ofDays(7)));
        assertThat(fx.orders.apply(Orders.Change.of(clash, OrderStatus.ACCEPTED).claimCode(taken)))
                .isInstanceOf(Orders.Outcome.CodeTaken.class);
        assertThat(fx.following.get(fx.lea, another.id()).status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void theStoreQueueIsOldestFirstAndFlagsLateOrders() {
        var first = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.backend.clock.advance(Duration.ofMinutes(40));
        fx.placed("k2", "TSH-COT-BLU-M", "1");
        fx.backend.clock.advance(Duration.ofMinutes(30)); // Paris Rivoli's target is 60 minutes
        var queue = fx.queue.forStore(fx.lea, fx.paris, "placed", null);
        assertThat(queue.items()).hasSize(2);
        assertThat(queue.items().get(0).order().id()).isEqualTo(first.id());
        assertThat(queue.items().get(0).late()).isTrue();
        assertThat(queue.items().get(1).late()).isFalse();
        assertThat(queue.items().get(1).minutesLeft()).isEqualTo(30);
        assertThat(queue.late()).isEqualTo(1);
        assertThatThrownBy(() -> fx.queue.forStore(fx.karim, fx.paris, null, null)).isInstanceOf(DomainException.Forbidden.class);
    }
}
