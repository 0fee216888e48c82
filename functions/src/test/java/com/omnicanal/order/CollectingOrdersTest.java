package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.PickupCodes;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.FailingWrites;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** Collection with the pickup code: the payment captured once, wrong codes counted before they are compared. */
class CollectingOrdersTest extends OrdersOnDynamoDbLocal {
    @Test
    void theStoreAcceptsPreparesAndTheCustomerCollectsWithTheCode() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "2");
        assertThatThrownBy(() -> fx.preparing.accept(fx.karim, fx.paris, order.id())).isInstanceOf(DomainException.Forbidden.class);
        fx.preparing.accept(fx.lea, fx.paris, order.id());
        var ready = fx.preparing.ready(fx.lea, fx.paris, order.id());

        assertThat(ready.pickupCode()).hasSize(PickupCodes.LENGTH).matches("[" + PickupCodes.ALPHABET + "]+");
        assertThat(ready.expiresAt()).isEqualTo(ready.readyAt().plus(Duration.ofDays(7)));
        assertThat(fx.inOutbox(OrderMessages.READY + "#" + order.id())).isTrue();
        assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, order.id(), "AAAAAA"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("4 tries left");

        var collected = fx.collecting.collect(fx.lea, fx.paris, order.id(), ready.pickupCode().toLowerCase());

        assertThat(collected.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris)).isEqualTo(new StockLevel("TSH-COT-BLU-M", fx.paris, 1, 0));
        assertThat(collected.timeline()).extracting(Order.Event::status)
                .containsExactly("PLACED", "ACCEPTED", "READY", "COLLECTED");
        assertThat(fx.sweeping.sweep().payments()).isEqualTo(1);
        assertThat(fx.payments.calls()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("CAPTURE");
            assertThat(c.amountCents()).isEqualTo(2 * 2990);
        });
        assertThat(fx.sweeping.sweep().payments()).isZero();
    }

    @Test
    void theOrderCollectedIsABusinessEventWrittenWithTheCollectionOrNotAtAll() {
        var ready = fx.ready("k1");
        var other = fx.ready("k2");
        var collected = fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode());
        fx.cancelling.cancelByStore(fx.lea, fx.paris, other.id());
        // a collection read before the cancellation: its transaction fails on the order, and its event with it
        var late = other.moveTo(OrderStatus.COLLECTED, fx.backend.clock.instant(), "staff-lea", null);
        assertThat(fx.orders.apply(Orders.Change.of(late, OrderStatus.READY).stock(Orders.StockEffect.SELL)
                .event(new BusinessEvent.OrderCollected(other.id(), "cust-camille", fx.paris, Set.of("TSH-COT-BLU-M"),
                        late.updatedAt())))).isInstanceOf(Orders.Outcome.Conflict.class);

        assertThat(fx.backend.businessEvents()).filteredOn(BusinessEvent.OrderCollected.class::isInstance)
                .containsExactly(new BusinessEvent.OrderCollected(ready.id(),
                "cust-camille", fx.paris, Set.of("TSH-COT-BLU-M"), collected.updatedAt(),
                // sold online (no seller): the amount captured, for the store accounting report
                new BusinessEvent.Sale(null, null, collected.amountDueCents())));
    }

    @Test
    void fiveWrongCodesLockTheOrderUntilStaffUnlockIt() {
        var ready = fx.ready("k1");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, ready.id(), "WRONG1"))
                    .isInstanceOf(DomainException.InvalidState.class);
        }
        assertThat(fx.following.get(fx.lea, ready.id()).locked()).isTrue();
        assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()))
                .hasMessageContaining("locked");
        fx.collecting.unlock(fx.lea, fx.paris, ready.id());
        assertThat(fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    /** Every answer to a code says whether the code was compared: a wrong code (or a collection) was, a lock was not. */
    private List<String> guessAtOnce(String orderId, List<String> codes) throws Exception {
        return Race.of(codes.size()).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(60)).run(i -> {
            fx.collecting.collect(fx.lea, fx.paris, orderId, codes.get(i));
            return "collected";
        }).all().stream().map(o -> o.succeeded() ? o.value() : o.failure().getMessage()).toList();
    }

    @ParameterizedTest(name = "{0} codes at once, all different: {1}")
    @CsvSource({"20, false", "60, true"})
    void concurrentGuessesCompareAtMostFiveCodesThenEvenTheRightOneWaitsForStaffToUnlock(int guesses, boolean distinct)
            throws Exception {
        var ready = fx.ready("k1");
        var codes = new ArrayList<String>();
        while (codes.size() < guesses) {
            var code = distinct ? PickupCodes.next() : "WRONG1";
            if (!code.equals(ready.pickupCode()) && (!distinct || !codes.contains(code))) codes.add(code);
        }

        var answers = guessAtOnce(ready.id(), codes);

        long compared = answers.stream().filter(a -> a.startsWith("wrong pickup code")).count();
        assertThat(compared).as("codes compared with the real one").isEqualTo(OrderPolicy.DEFAULT.maxWrongCodes());
        assertThat(answers).filteredOn(a -> !a.startsWith("wrong pickup code")).allMatch(a -> a.contains("locked"));
        var stored = fx.orders.find(ready.id()).orElseThrow();
        assertThat(stored.wrongCodes()).as("every compared code is counted").isEqualTo(compared);
        assertThat(stored.locked()).isTrue();
        assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("locked");
        assertThat(fx.following.get(fx.lea, ready.id()).status()).isEqualTo(OrderStatus.READY);

        fx.collecting.unlock(fx.lea, fx.paris, ready.id());
        assertThat(fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    @Test
    void aCodeIsNotComparedWhenItsTryCannotBeCounted() {
        var counter = new FailingWrites(dynamo.client(), "updateItem");
        var faulty = new OrderFixture(counter.client());
        faulty.backend.stock("TSH-COT-BLU-M", faulty.paris, 3);
        var ready = faulty.ready("k1");
        counter.failing = true;

        assertThatThrownBy(() -> faulty.collecting.collect(faulty.lea, faulty.paris, ready.id(), ready.pickupCode()))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        counter.failing = false;
        var stored = faulty.following.get(faulty.lea, ready.id());
        assertThat(stored.status()).as("the right code, uncounted, collected nothing").isEqualTo(OrderStatus.READY);
        assertThat(faulty.backend.level("TSH-COT-BLU-M", faulty.paris).reserved()).isEqualTo(1);
        assertThat(faulty.collecting.collect(faulty.lea, faulty.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    @Test
    void theRightCodeOnTheLastAllowedTryCollectsAndLeavesTheOrderUnlocked() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.preparing.accept(fx.lea, fx.paris, order.id());
        var ready = fx.preparing.ready(fx.lea, fx.paris, order.id());
        for (int i = 1; i < OrderPolicy.DEFAULT.maxWrongCodes(); i++) {
            assertThatThrownBy(() -> fx.collecting.collect(fx.lea, fx.paris, order.id(), "AAAAAA"))
                    .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("wrong pickup code");
        }

        var collected = fx.collecting.collect(fx.lea, fx.paris, order.id(), ready.pickupCode());

        assertThat(collected.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(collected.locked()).as("a collected order is not shown locked").isFalse();
        assertThat(fx.orders.find(order.id()).orElseThrow().locked()).isFalse();
    }

    @Test
    void twoDevicesCollectingAtOnceOneWinsAndTheStockIsRightOnce() throws Exception {
        var ready = fx.ready("k1");
        var devices = Race.of(2).expecting(DomainException.InvalidState.class)
                .run(i -> fx.collecting.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()));
        assertThat(devices.count(Race.Outcome::succeeded)).as("exactly one device wins").isEqualTo(1);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris)).isEqualTo(new StockLevel("TSH-COT-BLU-M", fx.paris, 2, 0));
    }
}
