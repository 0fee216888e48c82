package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Whatever customers, staff and the sweeper do to an order, in any order, the statuses it goes through are moves the
 * life cycle allows, a refused action changes nothing, and once it is over no unit stays held.
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class OrderTransitionProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    enum Action { ACCEPT, REJECT, READY, COLLECT, WRONG_CODE, CUSTOMER_CANCEL, STORE_CANCEL, WAIT_A_WEEK }

    @Property(tries = 60)
    void noIllegalTransitionIsEverAccepted(@ForAll("actions") List<Action> actions) {
        var fx = new OrderFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", fx.paris, 2);
        var order = fx.placed("k", "TSH-COT-BLU-M", "2");
        var seen = new ArrayList<OrderStatus>(List.of(order.status()));
        for (var action : actions) {
            var before = fx.following.get(fx.lea, order.id());
            try {
                switch (action) {
                    case ACCEPT -> fx.preparing.accept(fx.lea, fx.paris, order.id());
                    case REJECT -> fx.preparing.reject(fx.lea, fx.paris, order.id(), null);
                    case READY -> fx.preparing.ready(fx.lea, fx.paris, order.id());
                    case COLLECT -> fx.collecting.collect(fx.lea, fx.paris, order.id(),
                            fx.following.get(fx.camille, order.id()).pickupCode());
                    case WRONG_CODE -> fx.collecting.collect(fx.lea, fx.paris, order.id(), "ZZZZZZ");
                    case CUSTOMER_CANCEL -> fx.cancelling.cancelByCustomer(fx.camille, order.id());
                    case STORE_CANCEL -> fx.cancelling.cancelByStore(fx.lea, fx.paris, order.id());
                    case WAIT_A_WEEK -> {
                        fx.backend.clock.advance(Duration.ofDays(8));
                        fx.sweeping.sweep();
                    }
                }
            } catch (DomainException.InvalidState refused) {
                var after = fx.following.get(fx.lea, order.id());
                assertThat(after.status()).as("a refused %s changed the status", action).isEqualTo(before.status());
            }
            var now = fx.following.get(fx.lea, order.id()).status();
            var last = seen.get(seen.size() - 1);
            if (now != last) {
                assertThat(last.canMoveTo(now)).as("%s -> %s after %s", last, now, action).isTrue();
                seen.add(now);
            }
            var level = fx.backend.level("TSH-COT-BLU-M", fx.paris);
            assertThat(level.reserved()).isEqualTo(now.holdsStock() ? 2 : 0);
            assertThat(level.onHand()).isEqualTo(now == OrderStatus.COLLECTED ? 0 : 2);
        }
        assertThat(seen).doesNotHaveDuplicates();
        Set<OrderStatus> finals = EnumSet.of(OrderStatus.COLLECTED, OrderStatus.REJECTED, OrderStatus.CANCELLED,
                OrderStatus.EXPIRED);
        for (int i = 0; i < seen.size() - 1; i++) assertThat(finals).doesNotContain(seen.get(i));
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(12);
    }
}
