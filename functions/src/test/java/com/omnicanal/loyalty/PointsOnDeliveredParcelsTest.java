package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.returns.CrossChannelReturns;
import com.omnicanal.returns.ReceivingReturns;
import com.omnicanal.returns.RequestingReturns;
import com.omnicanal.returns.ReturnAuthorization;
import com.omnicanal.returns.ReturnPolicy;
import com.omnicanal.returns.ReturnRequest;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.routing.DeliveryOrder;
import com.omnicanal.routing.DeliveryOrderRequest;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.PlacingDeliveryOrders;
import com.omnicanal.routing.Shipment;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
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
 * A delivery order's parcels earn when they leave, over DynamoDB Local: each parcel once whatever the stream redelivers,
 * on its share of the money paid (a points discount earns nothing), pending for the return window; guests earn nothing.
 * A delivered parcel comes back in any store as any purchase: refunded what a unit cost in money, restocked where it is
 * received, its points taken back once; only by its customer, only once it left, never more units than it held.
 */
class PointsOnDeliveredParcelsTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    static final String STORE = "paris-rivoli";
    static final String M = "TSH-COT-BLU-M";
    static final String L = "TSH-COT-BLU-L";
    static final String LINEN = "VES-LIN-BEI-M";
    static final Actor CAMILLE = Actor.customer("cust-camille");
    static final Actor LEA = Actor.staff("staff-lea", STORE);
    static final Actor OPS = Actor.ops("ops-amelie");
    TestBackend backend;
    DynamoLoyaltyLedger ledger;
    DynamoOrders orderStore;
    DynamoDeliveries deliveryStore;
    LoyaltyProgramme loyalty;
    HomeDelivery delivery;
    CrossChannelReturns returns;
    static final String LYON = "lyon-republique";
    static final Actor KARIM = Actor.staff("staff-karim", LYON);
    static final Actor HUGO = Actor.customer("cust-hugo");

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        orderStore = new DynamoOrders(backend.dynamo, backend.tables);
        deliveryStore = new DynamoDeliveries(backend.dynamo, backend.tables);
        delivery = backend.homeDelivery();
        loyalty = LoyaltyProgramme.of(backend.catalog, ledger, ledger, orderStore, deliveryStore,
                () -> RewardCode.newCode(RewardCode.POINTS), Members.NONE, Duration.ofDays(30), backend.clock);
        returns = CrossChannelReturns.of(backend.catalog, orderStore, backend.reservationService, ledger, deliveryStore,
                new DynamoReturns(backend.dynamo, backend.tables), ReturnPolicy.DEFAULT, backend.clock);
        backend.stock(M, STORE, 40);
        backend.stock(L, STORE, 40);
        backend.stock(LINEN, StockLevel.WEB, 40);
    }

    RequestingReturns.Outcome requestReturn(Actor customer, String orderId, String sku, int units, String key) {
        var command = new RequestingReturns.RequestReturn(customer, new ReturnRequest(orderId, null,
                List.of(new ReturnRequest.LineRequest(sku, units)), "trop petit", "STORE", LYON, null));
        return returns.requesting().request(command, Keys.returnOf(command, key));
    }

    static DeliveryOrderRequest home(String customerId, String code, DeliveryOrderRequest.LineRequest... lines) {
        return PointsOnEveryOrderTest.home(customerId, code, lines);
    }

    static DeliveryOrderRequest.LineRequest line(String sku, int quantity) {
        return PointsOnEveryOrderTest.line(sku, quantity);
    }

    PlacingDeliveryOrders.Outcome orderHome(Actor customer, String code, DeliveryOrderRequest.LineRequest... lines) {
        var request = home(null, code, lines);
        return delivery.placing().place(customer, request, Callers.idempotencyKey("delivery-orders", new Idempotency.Key(
                customer.id(), java.util.UUID.randomUUID().toString(),
                Idempotency.fingerprint("/delivery-orders", Json.write(request)))));
    }

    /** Accepted, picked, packed and handed to the carrier by the place that ships it. */
    Shipment handOver(Shipment shipment) {
        return PointsOnEveryOrderTest.handOver(delivery, shipment);
    }

    /** The hand-over's business event, as the outbox stream hands it to loyalty. */
    BusinessEvent.ShipmentHandedOver handedOver(Shipment shipment) {
        return backend.businessEvents().stream().filter(BusinessEvent.ShipmentHandedOver.class::isInstance)
                .map(BusinessEvent.ShipmentHandedOver.class::cast).filter(e -> e.shipmentId().equals(shipment.id()))
                .findFirst().orElseThrow();
    }

    Batch batch(Shipment shipment) {
        return ledger.batch("cust-camille", "DELIVERY#" + shipment.id()).orElseThrow();
    }

    @Test
    void aParcelEarnsOncePendingForTheReturnWindowHoweverOftenTheStreamDeliversIt() throws Exception {
        var placed = orderHome(CAMILLE, null, line(M, 2));
        var shipment = handOver(placed.shipments().get(0));
        var event = handedOver(shipment);

        Race.of(12).within(Duration.ofSeconds(60)).run(i -> {
            loyalty.purchases().happened(event);
            return null;
        });

        var batch = batch(shipment);
        assertThat(batch.status()).isEqualTo(Batch.Status.PENDING);
        assertThat(batch.availableAt()).isEqualTo(event.at().plus(Duration.ofDays(30)));
        assertThat(batch.lines().get(M).quantity()).isEqualTo(2);
        assertThat(batch.lines().get(M).points()).isEqualTo(shipment.amountCents() / 100);
        assertThat(ledger.allEntries("cust-camille")).filteredOn(e -> e.type() == Entry.Type.EARN).singleElement()
                .satisfies(e -> assertThat(e.pending()).isEqualTo(batch.points()));
        assertThat(ledger.account("cust-camille").orElseThrow().pending()).isEqualTo(batch.points()).isPositive();
    }

    @Test
    void eachParcelOfASplitOrderEarnsOnItsOwnShareWhenItLeaves() {
        var placed = orderHome(CAMILLE, null, line(M, 1), line(LINEN, 1));
        assertThat(placed.shipments()).hasSize(2);
        long earned = 0;
        for (var offered : placed.shipments()) {
            var shipment = handOver(offered);
            loyalty.purchases().happened(handedOver(shipment));
            var batch = batch(shipment);
            var sku = shipment.lines().get(0).sku();
            assertThat(shipment.lines()).hasSize(1);
            assertThat(batch.lines().get(sku).points()).isEqualTo(shipment.amountCents() / 100);
            earned += batch.points();
        }
        assertThat(ledger.account("cust-camille").orElseThrow().pending()).isEqualTo(earned);
        assertThat(ledger.allEntries("cust-camille")).filteredOn(e -> e.type() == Entry.Type.EARN).hasSize(2);
    }

    @Test
    void aCancelledDeliveryOrderGivesItsPointsCodeBackOnceAndTheCodePaysTheNextOrder() {
        loyalty.adjusting().adjust(OPS, "cust-camille", new AdjustingPoints.Adjustment(2000, "welcome"));
        var reward = loyalty.redeeming().redeem(CAMILLE, new RedeemingPoints.Redemption("cust-camille", 500, null), null)
                .redeemed();
        var first = orderHome(CAMILLE, reward.code(), line(M, 1)).order();
        assertThat(deliveryStore.reward(reward.code()).orElseThrow().redeemedAt()).isNotNull();

        delivery.cancelling().cancel(CAMILLE, first.id(), null);

        assertThat(deliveryStore.reward(reward.code()).orElseThrow().redeemedAt()).isNull();
        var second = orderHome(CAMILLE, reward.code(), line(M, 1)).order();
        assertThat(second.discount().code()).isEqualTo(reward.code());
        // the points stay spent on the code, which paid the second order
        assertThat(ledger.account("cust-camille").orElseThrow().available()).isEqualTo(1500);
    }

    @Test
    void aParcelPartlyPaidWithPointsEarnsOnTheMoneyOnly() {
        loyalty.adjusting().adjust(OPS, "cust-camille", new AdjustingPoints.Adjustment(2000, "welcome"));
        var reward = loyalty.redeeming().redeem(CAMILLE, new RedeemingPoints.Redemption("cust-camille", 500, null), null)
                .redeemed();
        var placed = orderHome(CAMILLE, reward.code(), line(M, 2), line(L, 1));
        var order = placed.order();
        assertThat(order.discount()).isNotNull();
        assertThat(placed.shipments()).singleElement()
                .satisfies(s -> assertThat(s.amountCents()).isEqualTo(order.amountDueCents()).isLessThan(order.totalCents()));
        var shipment = handOver(placed.shipments().get(0));
        loyalty.purchases().happened(handedOver(shipment));

        var paid = order.paidBySku(shipment);
        assertThat(paid.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(order.amountDueCents());
        var batch = batch(shipment);
        assertThat(batch.lines().get(M).points()).isEqualTo(paid.get(M) / 100).isLessThan(2L * order.lines().get(0).unitPriceCents() / 100);
        assertThat(batch.lines().get(L).points()).isEqualTo(paid.get(L) / 100);
        // the points that paid part of it stay spent
        assertThat(ledger.account("cust-camille").orElseThrow().available()).isEqualTo(1500);
    }

    @Test
    void aGuestsParcelEarnsNothing() {
        var request = home(null, null, line(M, 1));
        var placed = delivery.placing().placeInStore(LEA, STORE, request, Callers.idempotencyKey("delivery-orders",
                new Idempotency.Key(LEA.id(), "guest-1", Idempotency.fingerprint("/stores/" + STORE + "/delivery-orders",
                        Json.write(request)))));
        assertThat(placed.order().customerId()).startsWith("guest-");
        var shipment = handOver(placed.shipments().get(0));

        loyalty.purchases().happened(handedOver(shipment));

        assertThat(ledger.batch(placed.order().customerId(), "DELIVERY#" + shipment.id())).isEmpty();
        assertThat(ledger.account(placed.order().customerId())).isEmpty();
    }

    @Test
    void aDeliveredUnitComesBackInAnotherStoreRefundedWhatItCostRestockedThereItsPointsTakenBackOnce() {
        loyalty.adjusting().adjust(OPS, "cust-camille", new AdjustingPoints.Adjustment(2000, "welcome"));
        var reward = loyalty.redeeming().redeem(CAMILLE, new RedeemingPoints.Redemption("cust-camille", 500, null), null)
                .redeemed();
        var placed = orderHome(CAMILLE, reward.code(), line(M, 2), line(L, 1));
        var shipment = handOver(placed.shipments().get(0));
        loyalty.purchases().happened(handedOver(shipment));
        var paid = placed.order().paidBySku(shipment);
        var before = ledger.account("cust-camille").orElseThrow();
        backend.stock(M, LYON, 3);

        var authorization = requestReturn(CAMILLE, placed.order().id(), M, 1, "r-1").authorization();
        assertThat(authorization.source()).isEqualTo(new ReturnAuthorization.Source("DELIVERY", shipment.id()));
        assertThat(authorization.lines()).singleElement().satisfies(l -> assertThat(l.unitPriceCents())
                .isEqualTo(paid.get(M) / 2).isLessThan(placed.order().lines().get(0).unitPriceCents()));
        var received = returns.receiving().receive(KARIM, LYON, authorization.id(),
                List.of(new ReceivingReturns.Counted(M, 1, "resellable")));

        assertThat(received.refundCents()).isEqualTo(paid.get(M) / 2);
        assertThat(backend.level(M, LYON).onHand()).isEqualTo(4);
        var returned = backend.businessEvents().stream().filter(BusinessEvent.ReturnReceived.class::isInstance)
                .map(BusinessEvent.ReturnReceived.class::cast).findFirst().orElseThrow();
        assertThat(returned.purchaseKind()).isEqualTo("DELIVERY");
        assertThat(returned.purchaseId()).isEqualTo(shipment.id());
        loyalty.purchases().happened(returned);
        loyalty.purchases().happened(returned);
        var batch = batch(shipment);
        assertThat(batch.lines().get(M).returned()).isEqualTo(1);
        long takenBack = batch(shipment).lines().get(M).points() / 2;
        var after = ledger.account("cust-camille").orElseThrow();
        assertThat(after.pending()).isEqualTo(before.pending() - takenBack).isLessThan(before.pending());
        assertThat(after.available()).isEqualTo(1500);
        assertThat(ledger.allEntries("cust-camille")).filteredOn(e -> e.type() == Entry.Type.REVERSE).hasSize(1);
    }

    @Test
    void nobodyElseReturnsAnotherCustomersDeliveredParcel() {
        var placed = orderHome(CAMILLE, null, line(M, 2));
        handOver(placed.shipments().get(0));

        assertThatThrownBy(() -> requestReturn(HUGO, placed.order().id(), M, 1, "r-hugo"))
                .isInstanceOf(DomainException.NotFound.class);
        // and nothing was taken from what Camille may return
        assertThat(requestReturn(CAMILLE, placed.order().id(), M, 2, "r-camille").authorization().lines())
                .singleElement().satisfies(l -> assertThat(l.quantity()).isEqualTo(2));
    }

    @Test
    void aParcelNotYetHandedToTheCarrierCannotBeReturned() {
        var placed = orderHome(CAMILLE, null, line(M, 1), line(LINEN, 1));
        var atStore = placed.shipments().stream().filter(s -> s.locationId().equals(STORE)).findFirst().orElseThrow();
        assertThatThrownBy(() -> requestReturn(CAMILLE, placed.order().id(), M, 1, "r-early"))
                .isInstanceOf(DomainException.InvalidState.class);
        handOver(atStore);

        assertThatThrownBy(() -> requestReturn(CAMILLE, placed.order().id(), LINEN, 1, "r-linen"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("not handed to the carrier");
        assertThat(requestReturn(CAMILLE, placed.order().id(), M, 1, "r-tee").authorization().source().reference())
                .isEqualTo(atStore.id());
    }

    @Test
    void manyReturnsAtOnceNeverTakeBackMoreUnitsThanTheParcelHeld() throws Exception {
        var placed = orderHome(CAMILLE, null, line(M, 2));
        handOver(placed.shipments().get(0));
        var outcomes = Race.of(24).expecting(DomainException.class).within(Duration.ofSeconds(120))
                .run(i -> requestReturn(CAMILLE, placed.order().id(), M, 1, "r-" + i));
        long accepted = outcomes.count(Race.Outcome::succeeded);
        assertThat(accepted).isEqualTo(2);
        assertThatThrownBy(() -> requestReturn(CAMILLE, placed.order().id(), M, 1, "r-late"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("more units than bought");
    }
}
