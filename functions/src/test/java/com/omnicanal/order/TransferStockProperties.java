package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Whatever the source's staff, the pickup store's staff, the customer and the sweeper do, in any order: the units of a
 * transferred line are conserved across the source, the transit and the pickup store (less what the customer took
 * away), no count goes below zero, and the transfer always carries the order's line whole.
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class TransferStockProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String LINEN = "VES-LIN-BEI-M";
    private static final int AT_SOURCE = 3;

    enum Action { DISPATCH, RECEIVE, ACCEPT, READY, COLLECT, CUSTOMER_CANCEL, STORE_REJECT, WAIT_A_WEEK }

    @Property(tries = 40)
    void unitsAreConservedAndNoLineIsLost(@ForAll @IntRange(min = 1, max = 2) int quantity,
                                          @ForAll("actions") List<Action> actions) {
        var fx = new OrderFixture(dynamo.client(), true);
        fx.backend.stock(LINEN, fx.paris, 0);
        fx.backend.stock(LINEN, fx.saintGermain, AT_SOURCE);
        var offered = fx.placed("k", LINEN, Integer.toString(quantity));
        var order = fx.confirm(fx.camille, offered.id(), "transfer");
        var id = fx.transfers.ofOrder(fx.ops, order.id()).get(0).id();
        for (var action : actions) {
            try {
                switch (action) {
                    case DISPATCH -> fx.transfers.dispatch(fx.sophie, fx.saintGermain, id, "BL-1");
                    case RECEIVE -> fx.transfers.receive(fx.lea, fx.paris, id);
                    case ACCEPT -> fx.preparing.accept(fx.lea, fx.paris, order.id());
                    case READY -> fx.preparing.ready(fx.lea, fx.paris, order.id());
                    case COLLECT -> fx.collecting.collect(fx.lea, fx.paris, order.id(),
                            fx.following.get(fx.camille, order.id()).pickupCode());
                    case CUSTOMER_CANCEL -> fx.cancelling.cancelByCustomer(fx.camille, order.id());
                    case STORE_REJECT -> fx.preparing.reject(fx.lea, fx.paris, order.id(), null);
                    case WAIT_A_WEEK -> {
                        fx.backend.clock.advance(Duration.ofDays(8));
                        fx.sweeping.sweep();
                    }
                }
            } catch (DomainException.InvalidState refused) {
                // a move the order or the transfer does not allow now: checked below that it changed nothing wrong
            }
            var now = fx.following.get(fx.camille, order.id());
            var transfer = fx.transfers.ofOrder(fx.ops, order.id()).get(0);
            var source = fx.backend.level(LINEN, fx.saintGermain);
            var pickup = fx.backend.level(LINEN, fx.paris);
            int takenAway = now.status() == OrderStatus.COLLECTED ? quantity : 0;
            assertThat(source.onHand() + pickup.inTransit() + pickup.onHand() + takenAway)
                    .as("units after %s", action).isEqualTo(AT_SOURCE);
            for (var level : List.of(source, pickup)) {
                assertThat(fx.backend.rawStock(LINEN, level.location()).get("available").n())
                        .isEqualTo(Integer.toString(level.available()));
                assertThat(level.available()).isNotNegative();
            }
            assertThat(transfer.lines()).as("the transfer carries the order's line whole")
                    .containsExactly(new Transfer.Line(LINEN, now.lines().get(0).productName(), quantity));
            var heldAt = now.lines().get(0).heldAt();
            switch (transfer.status()) {
                case REQUESTED -> {
                    assertThat(heldAt).isEqualTo(fx.saintGermain);
                    assertThat(source.reserved()).isEqualTo(quantity);
                }
                case DISPATCHED -> {
                    assertThat(heldAt).isEqualTo(Order.IN_TRANSIT);
                    assertThat(pickup.inTransit()).isEqualTo(quantity);
                    assertThat(source.reserved()).isZero();
                }
                case RECEIVED -> {
                    assertThat(pickup.inTransit()).isZero();
                    assertThat(pickup.reserved()).isEqualTo(now.status().holdsStock() ? quantity : 0);
                }
                case CANCELLED -> {
                    assertThat(now.status().isOpen()).isFalse();
                    assertThat(source.reserved()).isZero();
                    assertThat(source.onHand()).isEqualTo(AT_SOURCE);
                }
            }
            if (!now.status().isOpen() && transfer.status() != Transfer.Status.DISPATCHED) {
                assertThat(source.reserved() + pickup.reserved()).as("nothing held once it is over").isZero();
            }
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(10);
    }
}
