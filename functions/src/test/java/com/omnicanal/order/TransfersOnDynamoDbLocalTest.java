package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.order.api.OrderApi;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.ArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pickup store lacks a line: routing picks the source, the units are held there with the order's confirmation,
 * the source sends them (in transit at the pickup store), the pickup store receives them and the order goes on.
 */
class TransfersOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    static final String TEE = "TSH-COT-BLU-M";
    static final String LINEN = "VES-LIN-BEI-M";

    OrderFixture fx;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client(), true).stocked();
    }

    /** Placed with a line Paris Rivoli lacks, and the transfer option confirmed: the linen jacket comes from Saint-Germain. */
    Order confirmed(String key) {
        var order = fx.placed(key, TEE, "1", LINEN, "1");
        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_CUSTOMER);
        return fx.confirm(fx.camille, order.id(), "transfer");
    }

    Transfer theTransfer(Order order) {
        return fx.transfers.ofOrder(fx.ops, order.id()).get(0);
    }

    @Test
    void theNearestPlaceAboveItsSafetyStockSendsTheLineAndTheOrderGoesOnOnceReceived() {
        var offered = fx.placed("k1", TEE, "1", LINEN, "1");
        // routing ranks by distance: Saint-Germain is 1 km from Rivoli, the web warehouse in Dijon 260 km
        assertThat(offered.options().get(0).sources()).containsEntry(LINEN, fx.saintGermain);

        var order = fx.confirm(fx.camille, offered.id(), "transfer");

        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.lines()).extracting(Order.Line::heldAt).containsExactly(fx.paris, fx.saintGermain);
        assertThat(fx.backend.level(LINEN, fx.saintGermain).reserved()).isEqualTo(1);
        assertThat(fx.backend.level(TEE, fx.paris).reserved()).isEqualTo(1);
        var requested = fx.transfers.queue(fx.sophie, fx.saintGermain, null);
        assertThat(requested).singleElement().satisfies(t -> {
            assertThat(t.orderId()).isEqualTo(order.id());
            assertThat(t.toStoreId()).isEqualTo(fx.paris);
            assertThat(t.lines()).containsExactly(new Transfer.Line(LINEN, "Veste en lin beige", 1));
            assertThat(t.safetyStock()).isEqualTo(1);
        });
        // ops read why: every candidate with its verdict, Saint-Germain chosen, Rivoli never a candidate
        var decision = Json.MAPPER.valueToTree(theTransfer(order).decision());
        assertThat(decision.get("outcome").asText()).isEqualTo("ROUTED");
        assertThat(decision.get("candidates").findValuesAsText("locationId")).contains(fx.saintGermain, StockLevel.WEB)
                .doesNotContain(fx.paris);
        assertThat(decision.get("shipments").get(0).get("locationId").asText()).isEqualTo(fx.saintGermain);
        fx.preparing.accept(fx.lea, fx.paris, order.id());
        assertThatThrownBy(() -> fx.preparing.ready(fx.lea, fx.paris, order.id()))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("transfer");

        var sent = fx.transfers.dispatch(fx.sophie, fx.saintGermain, requested.get(0).id(), "BL-0042");

        assertThat(sent.status()).isEqualTo(Transfer.Status.DISPATCHED);
        assertThat(sent.reference()).isEqualTo("BL-0042");
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 2, 0, 0));
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 0, 0, 1));
        var shown = fx.backend.stockService.view(LINEN).locations().stream()
                .filter(l -> l.locationId().equals(fx.paris)).findFirst().orElseThrow();
        assertThat(shown.inTransit()).isEqualTo(1);
        assertThat(shown.available()).as("in transit is not for sale").isZero();
        assertThat(fx.inOutbox(MovingTransfers.SENT + "#" + sent.id())).isTrue();
        assertThat(fx.frenchSms(MovingTransfers.SENT + "#" + sent.id())).contains("en route vers Omnicanal Paris Rivoli");
        assertThat(fx.transfers.queue(fx.lea, fx.paris, "DISPATCHED")).extracting(Transfer::id).containsExactly(sent.id());
        assertThat(fx.transfers.queue(fx.sophie, fx.saintGermain, null)).isEmpty();

        var received = fx.transfers.receive(fx.lea, fx.paris, sent.id());

        assertThat(received.status()).isEqualTo(Transfer.Status.RECEIVED);
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 1, 1, 0));
        assertThat(fx.inOutbox(MovingTransfers.ARRIVED + "#" + sent.id())).isTrue();
        var home = fx.following.get(fx.camille, order.id());
        assertThat(home.lines()).extracting(Order.Line::heldAt).containsOnly(fx.paris);
        var ready = fx.preparing.ready(fx.lea, fx.paris, order.id());
        fx.collecting.collect(fx.lea, fx.paris, order.id(), ready.pickupCode());
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 0, 0, 0));
        assertThat(fx.backend.level(TEE, fx.paris).onHand()).isEqualTo(2);
    }

    @Test
    void aConfirmationRetriedUnderItsKeyAnswersTheFirstAgainAndAnotherOptionUnderItIsRefused() {
        var offered = fx.placed("k1", TEE, "1", LINEN, "1");
        var key = com.omnicanal.testing.Keys.option(fx.camille, offered.id(), "transfer", "confirm-1");

        var first = fx.choosingOptions.confirmOption(fx.camille, offered.id(), "transfer", key);
        var again = fx.choosingOptions.confirmOption(fx.camille, offered.id(), "transfer", key);

        assertThat(first.replayed()).isFalse();
        assertThat(again.replayed()).isTrue();
        assertThat(again.order()).isEqualTo(first.order());
        assertThat(fx.backend.level(LINEN, fx.saintGermain).reserved()).as("held once").isEqualTo(1);
        assertThat(fx.transfers.ofOrder(fx.ops, offered.id())).hasSize(1);
        var other = com.omnicanal.testing.Keys.option(fx.camille, offered.id(), "store:" + fx.saintGermain, "confirm-1");
        assertThatThrownBy(() -> fx.choosingOptions.confirmOption(fx.camille, offered.id(), "store:" + fx.saintGermain, other))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThatThrownBy(() -> fx.confirm(fx.camille, offered.id(), "transfer"))
                .as("a new key: the order is placed already").isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void aTransferReceivedTwiceChangesNothingTheSecondTime() {
        var order = confirmed("k1");
        var sent = fx.transfers.dispatch(fx.sophie, fx.saintGermain, theTransfer(order).id(), "BL-0042");
        var first = fx.transfers.receive(fx.lea, fx.paris, sent.id());
        var orderAfter = fx.following.get(fx.camille, order.id());
        var outbox = fx.backend.countItems().get("Outbox");

        var second = fx.transfers.receive(fx.lea, fx.paris, sent.id());

        assertThat(second).isEqualTo(first);
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 1, 1, 0));
        assertThat(fx.following.get(fx.camille, order.id())).isEqualTo(orderAfter);
        assertThat(fx.backend.countItems().get("Outbox")).isEqualTo(outbox);
        assertThatThrownBy(() -> fx.transfers.dispatch(fx.sophie, fx.saintGermain, sent.id(), "BL-0043"))
                .isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void anOrderCancelledWhileItsTransferIsOnTheWayLeavesTheUnitsOnSaleAtThePickupStoreOnArrival() {
        var order = confirmed("k1");
        var sent = fx.transfers.dispatch(fx.sophie, fx.saintGermain, theTransfer(order).id(), "BL-0042");

        fx.cancelling.cancelByCustomer(fx.camille, order.id());

        assertThat(fx.backend.level(TEE, fx.paris).reserved()).isZero();
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 0, 0, 1));
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 2, 0, 0));

        fx.transfers.receive(fx.lea, fx.paris, sent.id());

        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 1, 0, 0));
        assertThat(fx.backend.level(LINEN, fx.paris).available()).isEqualTo(1);
        assertThat(fx.inOutbox(MovingTransfers.ARRIVED + "#" + sent.id())).as("nobody waits for it").isFalse();
        assertThat(fx.following.get(fx.camille, order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void anOrderCancelledBeforeItsTransferLeavesReleasesTheSourceAndCancelsTheTransfer() {
        var order = confirmed("k1");
        var transfer = theTransfer(order);

        fx.preparing.reject(fx.lea, fx.paris, order.id(), null);

        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 0, 0));
        assertThat(theTransfer(order).status()).isEqualTo(Transfer.Status.CANCELLED);
        assertThat(fx.transfers.queue(fx.sophie, fx.saintGermain, null)).isEmpty();
        assertThatThrownBy(() -> fx.transfers.dispatch(fx.sophie, fx.saintGermain, transfer.id(), "BL-0042"))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.backend.level(LINEN, fx.saintGermain).onHand()).isEqualTo(3);
    }

    @Test
    void aStoreAcceptingTheOrderWhileItsTransferArrivesDoesNotUndoTheArrival() {
        var order = confirmed("k1");
        var sent = fx.transfers.dispatch(fx.sophie, fx.saintGermain, theTransfer(order).id(), "BL-0042");
        var readBeforeTheArrival = fx.following.get(fx.lea, order.id());
        fx.transfers.receive(fx.lea, fx.paris, sent.id());

        // an accept read before the arrival would write the lines back in transit: refused, read again
        var stale = readBeforeTheArrival.moveTo(OrderStatus.ACCEPTED, readBeforeTheArrival.updatedAt(), "staff-lea", null);
        assertThat(fx.orders.apply(Orders.Change.of(stale, OrderStatus.PLACED))).isInstanceOf(Orders.Outcome.Conflict.class);
        var accepted = fx.preparing.accept(fx.lea, fx.paris, order.id());
        assertThat(accepted.lines()).extracting(Order.Line::heldAt).containsOnly(fx.paris);
    }

    @Test
    void theSourceStaffSeeTheOrderNumberNeverTheCustomerAndOnlyTheirOwnQueue() throws Exception {
        var order = confirmed("k1");
        var view = Json.MAPPER.writeValueAsString(fx.transfers.queue(fx.sophie, fx.saintGermain, null).stream()
                .map(t -> Json.MAPPER.valueToTree(t)).toList());
        var staffView = Json.MAPPER.writeValueAsString(
                fx.transfers.queue(fx.sophie, fx.saintGermain, null).stream().map(OrderApi.TransferView::of).toList());
        assertThat(staffView).contains(order.id()).doesNotContain("cust-camille", "Camille", "camille.martin", "+336")
                .doesNotContain("decision");
        assertThat(view).doesNotContain("cust-camille", "Camille", "camille.martin", "+336");
        assertThatThrownBy(() -> fx.following.get(fx.sophie, order.id())).isInstanceOf(DomainException.NotFound.class);
        var transfer = theTransfer(order);
        assertThatThrownBy(() -> fx.transfers.queue(fx.karim, fx.saintGermain, null))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.transfers.dispatch(fx.lea, fx.saintGermain, transfer.id(), "BL-1"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.transfers.dispatch(fx.lea, fx.paris, transfer.id(), "BL-1"))
                .as("the destination cannot send it").isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> fx.transfers.ofOrder(fx.lea, order.id())).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.transfers.queue(fx.camille, fx.saintGermain, null))
                .isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void twentyFourCustomersRaceForTheLastTransferableUnitsAndTheSourceKeepsItsSafetyStock() throws Exception {
        // only Saint-Germain has the jacket: 3 units, one kept for its own customers, so two can be transferred
        fx.backend.stock(LINEN, StockLevel.WEB, 0);
        var waiting = new ArrayList<Order>();
        for (int i = 0; i < 24; i++) {
            var customer = Actor.customer("cust-race-" + i);
            waiting.add(fx.place(customer, OrderFixture.request(fx.paris, LINEN, "1"), "race-" + i).order());
        }
        assertThat(waiting).allSatisfy(o -> assertThat(o.options()).extracting(PickupOption::kind)
                .contains(PickupOption.Kind.TRANSFER));
        var outcomes = Race.of(24).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(60))
                .run(i -> fx.confirm(Actor.customer("cust-race-" + i), waiting.get(i).id(), "transfer"));
        long confirmed = outcomes.count(Race.Outcome::succeeded);

        assertThat(confirmed).isEqualTo(2);
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 2, 0));
        assertThat(fx.transfers.queue(fx.sophie, fx.saintGermain, null)).hasSize(2);
    }

    @Test
    void staffInLyonSellForPickupAtRivoliConfirmTheTransferWithTheCustomerAndLyonIsCredited() {
        var request = OrderFixture.request(fx.paris, LINEN, "1");
        var key = com.omnicanal.testing.Keys.order(new PlacingOrders.PlaceOrder(fx.karim, request), "aisle-1");

        var sold = fx.selling.place(fx.karim, fx.lyon, "cust-camille", request, key).order();

        assertThat(sold.customerId()).isEqualTo("cust-camille");
        assertThat(sold.soldBy()).isEqualTo(new Order.SoldBy(fx.lyon, "staff-karim"));
        assertThat(sold.status()).isEqualTo(OrderStatus.AWAITING_CUSTOMER);
        assertThat(fx.selling.place(fx.karim, fx.lyon, "cust-camille", request, key).replayed()).isTrue();
        var placed = fx.confirm(fx.karim, sold.id(), "transfer");
        assertThat(placed.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(placed.soldBy()).isEqualTo(sold.soldBy());
        assertThat(theTransfer(placed).fromLocation()).isEqualTo(fx.saintGermain);
        // the customer, the pickup store and the seller read it; the source's staff never do
        assertThat(fx.following.get(fx.camille, sold.id()).soldBy()).isEqualTo(sold.soldBy());
        assertThat(fx.following.get(fx.karim, sold.id()).id()).isEqualTo(sold.id());
        assertThat(fx.queue.forStore(fx.lea, fx.paris, "PLACED", null).items()).extracting(q -> q.order().id())
                .contains(sold.id());
        assertThatThrownBy(() -> fx.following.get(fx.sophie, sold.id())).isInstanceOf(DomainException.NotFound.class);

        assertThatThrownBy(() -> fx.selling.place(fx.lea, fx.lyon, null, request, key))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.selling.place(fx.camille, fx.lyon, null, request, key))
                .isInstanceOf(DomainException.Forbidden.class);
        var guest = fx.selling.place(fx.karim, fx.lyon, null, OrderFixture.request(fx.lyon, TEE, "1"),
                com.omnicanal.testing.Keys.order(new PlacingOrders.PlaceOrder(fx.karim, request), "aisle-2")).order();
        assertThat(guest.customerId()).startsWith("guest-");
    }
}
