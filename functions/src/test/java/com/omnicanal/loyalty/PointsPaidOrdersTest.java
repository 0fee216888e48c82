package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.returns.CrossChannelReturns;
import com.omnicanal.returns.ReceivingReturns;
import com.omnicanal.returns.RequestingReturns;
import com.omnicanal.returns.ReturnPolicy;
import com.omnicanal.returns.ReturnRequest;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.dynamo.RewardItems;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A click-and-collect order partly paid with a points reward code, over DynamoDB Local: the code is used in the order's
 * own write (once, whatever runs at the same time, and only by its owner), comes back when the order ends unpaid, and
 * the order earns, captures and refunds on the money paid only.
 */
class PointsPaidOrdersTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String STORE = "paris-rivoli";
    private static final String M = "TSH-COT-BLU-M";
    private static final String L = "TSH-COT-BLU-L";
    private static final Actor CAMILLE = Actor.customer("cust-camille");
    private static final Actor HUGO = Actor.customer("cust-hugo");
    private static final Actor LEA = Actor.staff("staff-lea", STORE);
    private TestBackend backend;
    private DynamoLoyaltyLedger ledger;
    private DynamoOrders orderStore;
    private RecordingPayments payments;
    private LoyaltyProgramme loyalty;
    private ClickAndCollect orders;
    private CrossChannelReturns returns;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        orderStore = new DynamoOrders(backend.dynamo, backend.tables);
        payments = new RecordingPayments(backend.clock);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, payments, OrderPolicy.DEFAULT, backend.clock);
        loyalty = LoyaltyProgramme.of(backend.catalog, ledger, ledger, orderStore, () -> RewardCode.newCode(RewardCode.POINTS),
                Members.NONE, Duration.ofDays(30), backend.clock);
        returns = CrossChannelReturns.of(backend.catalog, orderStore, backend.reservationService,
                new DynamoReturns(backend.dynamo, backend.tables), ReturnPolicy.DEFAULT, backend.clock);
        backend.stock(M, STORE, 40);
        backend.stock(L, STORE, 40);
        loyalty.adjusting().adjust(Actor.ops("ops-nadia"), "cust-camille", new AdjustingPoints.Adjustment(2000, "welcome"));
        loyalty.adjusting().adjust(Actor.ops("ops-nadia"), "cust-hugo", new AdjustingPoints.Adjustment(2000, "welcome"));
    }

    private RedeemingPoints.Redeemed code(Actor owner, long points) {
        return loyalty.redeeming().redeem(owner, new RedeemingPoints.Redemption(owner.id(), points, null), null).redeemed();
    }

    private static PlacingOrders.PlaceOrder order(Actor customer, String code) {
        return new PlacingOrders.PlaceOrder(customer, new OrderRequest(List.of(new OrderRequest.LineRequest(M, 2),
                new OrderRequest.LineRequest(L, 1)), STORE, new Order.Contact("Camille Martin", "camille.martin@example.fr",
                null), "pa_points_1", code));
    }

    private PlacingOrders.Outcome place(Actor customer, String code, String key) {
        var command = order(customer, code);
        return orders.placing().place(command, Keys.order(command, key));
    }

    private boolean used(String code) {
        return orderStore.reward(code).orElseThrow().redeemedAt() != null;
    }

    private Order collect(Order order) {
        orders.preparing().accept(LEA, STORE, order.id());
        var ready = orders.preparing().ready(LEA, STORE, order.id());
        return orders.collecting().collect(LEA, STORE, order.id(), ready.pickupCode());
    }

    @Test
    void anOrderPartlyPaidWithPointsCapturesEarnsAndRefundsOnTheMoneyPaidOnlyAndNeverTakesPointsTwice() {
        var reward = code(CAMILLE, 500);
        var placed = place(CAMILLE, reward.code(), "o-1").order();
        assertThat(placed.discount()).isEqualTo(new Order.Discount(reward.code(), 500, (int) reward.amountOffCents()));
        assertThat(placed.amountDueCents()).isEqualTo(placed.totalCents() - reward.amountOffCents());
        assertThat(used(reward.code())).isTrue();
        assertThat(orderStore.find(placed.id()).orElseThrow().discount()).isEqualTo(placed.discount());

        var collected = collect(placed);
        orders.sweeping().sweep();
        assertThat(payments.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("CAPTURE");
            assertThat(call.amountCents()).isEqualTo(placed.amountDueCents());
        });
        var event = new BusinessEvent.OrderCollected(collected.id(), "cust-camille", STORE, java.util.Set.of(M, L),
                backend.clock.instant());
        loyalty.purchases().happened(event);
        var paid = collected.paidBySku();
        assertThat(paid.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(placed.amountDueCents());
        var batch = ledger.batch("cust-camille", "ORDER#" + collected.id()).orElseThrow();
        // a point a euro on what each line cost in money (the discount spread pro rata), not on the catalogue price
        assertThat(batch.lines().get(M).points()).isEqualTo(paid.get(M) / 100);
        assertThat(batch.lines().get(L).points()).isEqualTo(paid.get(L) / 100);
        var before = ledger.account("cust-camille").orElseThrow();
        assertThat(before.available()).isEqualTo(1500);

        // the L line comes back: refunded at what a unit cost in money, its earned points taken back once
        var request = new ReturnRequest(collected.id(), null, List.of(new ReturnRequest.LineRequest(L, 1)), "trop grand",
                "STORE", null, null);
        var command = new RequestingReturns.RequestReturn(CAMILLE, request);
        var authorization = returns.requesting().request(command, Keys.returnOf(command, "r-1")).authorization();
        assertThat(authorization.lines()).singleElement().satisfies(l -> assertThat(l.unitPriceCents())
                .isEqualTo(paid.get(L).intValue()).isLessThan(placed.lines().get(1).unitPriceCents()));
        var received = returns.receiving().receive(LEA, STORE, authorization.id(),
                List.of(new ReceivingReturns.Counted(L, 1, "resellable")));
        assertThat(received.refundCents()).isEqualTo(paid.get(L).intValue());
        var returned = backend.businessEvents().stream().filter(BusinessEvent.ReturnReceived.class::isInstance).findFirst()
                .orElseThrow();
        loyalty.purchases().happened(returned);
        loyalty.purchases().happened(returned);
        var after = ledger.account("cust-camille").orElseThrow();
        assertThat(after.pending()).isEqualTo(before.pending() - paid.get(L) / 100);
        // the points that paid part of the order are neither taken again nor given back
        assertThat(after.available()).isEqualTo(1500);
        assertThat(ledger.allEntries("cust-camille").stream().filter(e -> e.type() == Entry.Type.REVERSE)).hasSize(1);
    }

    @Test
    void nobodyElsesCodeCanPayAnOrderAndTryingChangesNothing() {
        var camilles = code(CAMILLE, 500);
        var stock = backend.level(M, STORE);
        assertThatThrownBy(() -> place(HUGO, camilles.code(), "o-hugo"))
                .isInstanceOf(DomainException.NotFound.class).hasMessageContaining("no reward code");
        assertThat(used(camilles.code())).isFalse();
        assertThat(orderStore.byCustomer("cust-hugo", null, 10).items()).isEmpty();
        assertThat(backend.level(M, STORE)).isEqualTo(stock);
        // nor by writing the order around the check: the code's own condition names its owner
        var hugos = place(HUGO, null, "o-hugo-2").order();
        var forged = hugos.withDiscount(new Order.Discount(camilles.code(), 500, (int) camilles.amountOffCents()));
        var write = RewardItems.redeemFor(backend.tables.feedback(), camilles.code(), "cust-hugo", forged.id(),
                backend.clock.instant());
        assertThatThrownBy(() -> backend.dynamo.transactWriteItems(r -> r.transactItems(write)))
                .hasMessageContaining("ConditionalCheckFailed");
        assertThat(used(camilles.code())).isFalse();
    }

    @Test
    void aUsedAnExpiredAThanksOrATooLargeCodeIsRefusedAndChangesNothing() {
        var small = code(CAMILLE, 500);
        place(CAMILLE, small.code(), "o-1");
        assertThatThrownBy(() -> place(CAMILLE, small.code(), "o-2")).isInstanceOf(DomainException.InvalidState.class)
                .hasMessageContaining("already used");

        var large = code(CAMILLE, 1000);
        var oneShirt = new PlacingOrders.PlaceOrder(CAMILLE, new OrderRequest(List.of(new OrderRequest.LineRequest(L, 1)),
                STORE, new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_points_2", large.code()));
        assertThat(large.amountOffCents()).isGreaterThan(backend.catalog.product(L).orElseThrow()
                .priceAt(backend.clock.instant(), com.omnicanal.catalog.SalesChannel.WEB, backend.catalog.zone()));
        assertThatThrownBy(() -> orders.placing().place(oneShirt, Keys.order(oneShirt, "o-4")))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("more than the order");
        assertThat(used(large.code())).isFalse();

        var later = code(CAMILLE, 100);
        backend.clock.advance(RedeemingPoints.CODE_VALIDITY.plusMinutes(1));
        assertThatThrownBy(() -> place(CAMILLE, later.code(), "o-5")).isInstanceOf(DomainException.Gone.class);
        assertThat(used(later.code())).isFalse();
        assertThat(orderStore.byCustomer("cust-camille", null, 10).items()).hasSize(1);
    }

    @Test
    void twentyFourOrdersAtOnceWithOneCodeExactlyOneIsPlaced() throws Exception {
        var reward = code(CAMILLE, 500);
        int threads = 24;
        var outcomes = Race.of(threads).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(120))
                .run(i -> place(CAMILLE, reward.code(), "o-" + i));
        assertThat(outcomes.count(Race.Outcome::succeeded)).isEqualTo(1);
        assertThat(outcomes.count(o -> o.failedWith(DomainException.InvalidState.class))).isEqualTo(threads - 1);
        var mine = orderStore.byCustomer("cust-camille", null, 50).items();
        assertThat(mine).singleElement().satisfies(o -> assertThat(o.discount().code()).isEqualTo(reward.code()));
        // only the placed order holds stock
        assertThat(backend.level(M, STORE).reserved()).isEqualTo(2);
    }

    @Test
    void aCancelledOrderGivesItsCodeBackOnceAndTheCodePaysTheNextOrder() {
        var reward = code(CAMILLE, 500);
        var first = place(CAMILLE, reward.code(), "o-1").order();
        var cancelled = orders.cancelling().cancelByCustomer(CAMILLE, first.id());
        assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(used(reward.code())).isFalse();
        assertThatThrownBy(() -> orders.cancelling().cancelByCustomer(CAMILLE, first.id()))
                .isInstanceOf(DomainException.class);
        orders.sweeping().sweep();
        assertThat(payments.calls()).singleElement().satisfies(call -> assertThat(call.action()).isEqualTo("VOID"));

        var second = place(CAMILLE, reward.code(), "o-2").order();
        assertThat(second.discount().code()).isEqualTo(reward.code());
        assertThat(used(reward.code())).isTrue();
        // the first order's end cannot give back the code the second one now uses
        assertThatThrownBy(() -> orders.cancelling().cancelByCustomer(CAMILLE, first.id()))
                .isInstanceOf(DomainException.class);
        assertThat(used(reward.code())).isTrue();
        // the ledger is untouched: the points stay spent on the code, which is usable again
        assertThat(ledger.account("cust-camille").orElseThrow().available()).isEqualTo(1500);
    }

    @Test
    void anOrderNeverCollectedGivesItsCodeBackWhenItExpires() {
        var reward = code(CAMILLE, 500);
        var placed = place(CAMILLE, reward.code(), "o-1").order();
        orders.preparing().accept(LEA, STORE, placed.id());
        orders.preparing().ready(LEA, STORE, placed.id());
        backend.clock.advance(OrderPolicy.DEFAULT.holdingPeriod().plusHours(1));
        orders.sweeping().sweep();
        assertThat(orderStore.find(placed.id()).orElseThrow().status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(used(reward.code())).isFalse();
        orders.sweeping().sweep();
        assertThat(used(reward.code())).isFalse();
    }

    @Test
    void theSameOrderSentAgainWithItsKeyIsReplayedNotRefusedAsAUsedCode() {
        var reward = code(CAMILLE, 500);
        var first = place(CAMILLE, reward.code(), "o-1");
        var again = place(CAMILLE, reward.code(), "o-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.order().id()).isEqualTo(first.order().id());
        assertThat(again.order().discount()).isEqualTo(first.order().discount());
        assertThat(orderStore.byCustomer("cust-camille", null, 10).items()).hasSize(1);
    }
}
