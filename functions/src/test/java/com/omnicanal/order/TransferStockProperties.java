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
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Whatever the sources' staff (sending or refusing), the pickup store's staff, the customer and the sweeper do, in any
 * order: the units of a transferred line are conserved across the sources, the transit and the pickup store (less what
 * the customer took away), no count goes below zero, and a refusal never loses the line: while the order is open one
 * transfer that was not refused carries it whole, and once every source refused the order is closed with nothing held.
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class TransferStockProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String LINEN = "VES-LIN-BEI-M";
    private static final int AT_SOURCE = 3;

    enum Action { DISPATCH, REFUSE, RECEIVE, ACCEPT, READY, COLLECT, CUSTOMER_CANCEL, STORE_REJECT, WAIT_A_WEEK }

    @Property(tries = 40)
    void unitsAreConservedAndNoLineIsLost(@ForAll @IntRange(min = 1, max = 2) int quantity,
                                          @ForAll @IntRange(min = 0, max = 2) int atWeb,
                                          @ForAll("actions") List<Action> actions) {
        var fx = new OrderFixture(dynamo.client(), true);
        fx.backend.stock(LINEN, fx.paris, 0);
        fx.backend.stock(LINEN, fx.saintGermain, AT_SOURCE);
        // the next place after a refusal, when it has enough; else a refusal leaves no place
        fx.backend.stock(LINEN, StockLevel.WEB, atWeb);
        var offered = fx.placed("k", LINEN, Integer.toString(quantity));
        var order = fx.confirm(fx.camille, offered.id(), "transfer");
        for (var action : actions) {
            var current = current(fx, order.id());
            var id = current == null ? "none" : current.id();
            var source = current == null ? fx.saintGermain : current.fromLocation();
            var sourceStaff = StockLevel.WEB.equals(source) ? fx.ops : fx.sophie;
            try {
                switch (action) {
                    case DISPATCH -> fx.transfers.dispatch(sourceStaff, source, id, "BL-1");
                    case REFUSE -> {
                        fx.refusing.refuse(sourceStaff, source, id, "abîmée");
                        Statistics.label("refusal").collect(current(fx, order.id()) == null ? "no place left" : "routed again");
                    }
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
            } catch (DomainException.InvalidState | DomainException.NotFound refused) {
                // a move the order or the transfer does not allow now: checked below that it changed nothing wrong
            }
            var now = fx.following.get(fx.camille, order.id());
            var all = fx.transfers.ofOrder(fx.ops, order.id());
            var transfer = current(fx, order.id());
            var sg = fx.backend.level(LINEN, fx.saintGermain);
            var web = fx.backend.level(LINEN, StockLevel.WEB);
            var pickup = fx.backend.level(LINEN, fx.paris);
            int takenAway = now.status() == OrderStatus.COLLECTED ? quantity : 0;
            assertThat(sg.onHand() + web.onHand() + pickup.inTransit() + pickup.onHand() + takenAway)
                    .as("units after %s", action).isEqualTo(AT_SOURCE + atWeb);
            for (var level : List.of(sg, web, pickup)) {
                assertThat(fx.backend.rawStock(LINEN, level.location()).get("available").n())
                        .isEqualTo(Integer.toString(level.available()));
                assertThat(level.available()).isNotNegative();
            }
            // a refuser holds nothing for the order any more
            for (var refused : all) {
                if (refused.status() != Transfer.Status.REFUSED) continue;
                assertThat(fx.backend.level(LINEN, refused.fromLocation()).reserved()).as("held at a refuser").isZero();
            }
            if (transfer == null) {
                assertThat(now.status()).as("every source refused: the order is over").isEqualTo(OrderStatus.REJECTED);
                assertThat(sg.reserved() + web.reserved() + pickup.reserved() + pickup.inTransit()).isZero();
                continue;
            }
            assertThat(all.stream().filter(t -> t.status() != Transfer.Status.REFUSED)).as("one live transfer").hasSize(1);
            assertThat(transfer.lines()).as("the transfer carries the order's line whole")
                    .containsExactly(new Transfer.Line(LINEN, now.lines().get(0).productName(), quantity));
            var heldAt = now.lines().get(0).heldAt();
            var from = fx.backend.level(LINEN, transfer.fromLocation());
            switch (transfer.status()) {
                case REQUESTED -> {
                    assertThat(heldAt).isEqualTo(transfer.fromLocation());
                    assertThat(from.reserved()).isEqualTo(quantity);
                }
                case DISPATCHED -> {
                    assertThat(heldAt).isEqualTo(Order.IN_TRANSIT);
                    assertThat(pickup.inTransit()).isEqualTo(quantity);
                    assertThat(from.reserved()).isZero();
                }
                case RECEIVED -> {
                    assertThat(pickup.inTransit()).isZero();
                    assertThat(pickup.reserved()).isEqualTo(now.status().holdsStock() ? quantity : 0);
                }
                case CANCELLED -> {
                    assertThat(now.status().isOpen()).isFalse();
                    assertThat(from.reserved()).isZero();
                }
                case REFUSED -> throw new AssertionError("the live transfer is never a refused one");
            }
            if (!now.status().isOpen() && transfer.status() != Transfer.Status.DISPATCHED) {
                assertThat(sg.reserved() + web.reserved() + pickup.reserved()).as("nothing held once it is over").isZero();
            }
        }
        // how refusals ended is reported, not required: 40 random runs do not always route one again (a CI run had 0);
        // both ends are proven every run by TransferRefusalOnDynamoDbLocalTest
    }

    /** The order's transfer that was not refused, if any is left. */
    private static Transfer current(OrderFixture fx, String orderId) {
        return fx.transfers.ofOrder(fx.ops, orderId).stream().filter(t -> t.status() != Transfer.Status.REFUSED)
                .findFirst().orElse(null);
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        return Arbitraries.of(Action.class).list().ofMinSize(1).ofMaxSize(10);
    }
}
