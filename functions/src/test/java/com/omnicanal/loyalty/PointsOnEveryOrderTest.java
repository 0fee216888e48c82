package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
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
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A points code on every kind of order, over DynamoDB Local: staff selling for pickup or home delivery for the customer
 * in front of them, and the customer's own home delivery, through the one code mechanism pickup orders online use:
 * only its owner's, once whatever runs at the same time, paid shipment by shipment, given back when nothing is paid.
 */
class PointsOnEveryOrderTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String STORE = "paris-rivoli";
    private static final String LYON = "lyon-republique";
    private static final String M = "TSH-COT-BLU-M";
    private static final String L = "TSH-COT-BLU-L";
    private static final String LINEN = "VES-LIN-BEI-M";
    private static final Actor CAMILLE = Actor.customer("cust-camille");
    private static final Actor HUGO = Actor.customer("cust-hugo");
    private static final Actor LEA = Actor.staff("staff-lea", STORE);
    private static final Actor OPS = Actor.ops("ops-amelie");
    private TestBackend backend;
    private DynamoLoyaltyLedger ledger;
    private DynamoOrders orderStore;
    private DynamoDeliveries deliveryStore;
    private RecordingPayments payments;
    private LoyaltyProgramme loyalty;
    private ClickAndCollect orders;
    private HomeDelivery delivery;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        orderStore = new DynamoOrders(backend.dynamo, backend.tables);
        deliveryStore = new DynamoDeliveries(backend.dynamo, backend.tables);
        payments = new RecordingPayments(backend.clock);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, payments, OrderPolicy.DEFAULT, backend.clock);
        delivery = backend.homeDelivery();
        loyalty = LoyaltyProgramme.of(backend.catalog, ledger, ledger, orderStore, () -> RewardCode.newCode(RewardCode.POINTS),
                Members.NONE, Duration.ofDays(30), backend.clock);
        backend.stock(M, STORE, 40);
        backend.stock(L, STORE, 40);
        loyalty.adjusting().adjust(OPS, "cust-camille", new AdjustingPoints.Adjustment(2000, "welcome"));
        loyalty.adjusting().adjust(OPS, "cust-hugo", new AdjustingPoints.Adjustment(2000, "welcome"));
    }

    private RedeemingPoints.Redeemed code(Actor owner, long points) {
        return loyalty.redeeming().redeem(owner, new RedeemingPoints.Redemption(owner.id(), points, null), null).redeemed();
    }

    private boolean used(String code) {
        return orderStore.reward(code).orElseThrow().redeemedAt() != null;
    }

    private static IdempotencyKey key(String scope, String path, Actor caller, String key, Object body) {
        return Callers.idempotencyKey(scope, new Idempotency.Key(caller.id(), key, Idempotency.fingerprint(path, Json.write(body))));
    }

    private static OrderRequest pickup(String code) {
        return new OrderRequest(List.of(new OrderRequest.LineRequest(M, 2), new OrderRequest.LineRequest(L, 1)), STORE,
                new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_tpe_points", code);
    }

    private PlacingOrders.Outcome sellForPickup(String customerId, String code, String k) {
        var request = pickup(code);
        return orders.selling().place(LEA, STORE, customerId, request,
                key("store-orders", "/stores/" + STORE + "/orders", LEA, k, request));
    }

    private PlacingOrders.Outcome orderForPickup(Actor customer, String code, String k) {
        var command = new PlacingOrders.PlaceOrder(customer, pickup(code));
        return orders.placing().place(command, Keys.order(command, k));
    }

    static DeliveryOrderRequest home(String customerId, String code, DeliveryOrderRequest.LineRequest... lines) {
        return new DeliveryOrderRequest(List.of(lines),
                new DeliveryOrder.Address("Camille Martin", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false,
                new DeliveryOrder.Contact("Camille Martin", "camille@example.com", null), "pa_points_home", customerId, code);
    }

    static DeliveryOrderRequest.LineRequest line(String sku, int quantity) {
        return new DeliveryOrderRequest.LineRequest(sku, quantity);
    }

    private PlacingDeliveryOrders.Outcome orderHome(Actor customer, String code, String k) {
        var request = home(null, code, line(M, 2), line(L, 1));
        return delivery.placing().place(customer, request, key("delivery-orders", "/delivery-orders", customer, k, request));
    }

    private PlacingDeliveryOrders.Outcome sellHome(String customerId, String code, String k,
                                                   DeliveryOrderRequest.LineRequest... lines) {
        var request = home(customerId, code, lines.length == 0 ? new DeliveryOrderRequest.LineRequest[] {line(M, 2), line(L, 1)}
                : lines);
        return delivery.placing().placeInStore(LEA, STORE, request,
                key("delivery-orders", "/stores/" + STORE + "/delivery-orders", LEA, k, request));
    }

    /** Accepted, picked, packed and handed to the carrier by the place that ships it. */
    private Shipment handOver(Shipment shipment) {
        return handOver(delivery, shipment);
    }

    /** The same, on any home delivery: the Paris store's staff or ops at the warehouse. */
    static Shipment handOver(HomeDelivery delivery, Shipment shipment) {
        var by = shipment.locationId().equals(STORE) ? LEA : OPS;
        var f = delivery.fulfilling();
        f.accept(by, shipment.locationId(), shipment.id());
        f.pick(by, shipment.locationId(), shipment.id());
        f.pack(by, shipment.locationId(), shipment.id());
        return f.handOver(by, shipment.locationId(), shipment.id(), "Colissimo", "6A" + shipment.id().substring(0, 8));
    }

    @Test
    void staffSellForPickupWithTheCustomersCodeTheCardPaysTheRestAndShePointsOnTheMoneyPaid() {
        var reward = code(CAMILLE, 500);
        var placed = sellForPickup("cust-camille", reward.code().toLowerCase(), "s-1").order();
        assertThat(placed.soldBy()).isEqualTo(new Order.SoldBy(STORE, "staff-lea"));
        assertThat(placed.discount()).isEqualTo(new Order.Discount(reward.code(), 500, (int) reward.amountOffCents()));
        assertThat(placed.amountDueCents()).isEqualTo(placed.totalCents() - reward.amountOffCents());
        assertThat(used(reward.code())).isTrue();

        orders.preparing().accept(LEA, STORE, placed.id());
        var ready = orders.preparing().ready(LEA, STORE, placed.id());
        var collected = orders.collecting().collect(LEA, STORE, placed.id(), ready.pickupCode());
        orders.sweeping().sweep();
        assertThat(payments.calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("CAPTURE");
            assertThat(call.amountCents()).isEqualTo(placed.amountDueCents());
        });
        loyalty.purchases().happened(new BusinessEvent.OrderCollected(collected.id(), "cust-camille", STORE, Set.of(M, L),
                backend.clock.instant()));
        var paid = collected.paidBySku();
        var batch = ledger.batch("cust-camille", "ORDER#" + collected.id()).orElseThrow();
        assertThat(batch.lines().get(M).points()).isEqualTo(paid.get(M) / 100);
        assertThat(batch.lines().get(L).points()).isEqualTo(paid.get(L) / 100);
        assertThat(paid.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(placed.amountDueCents());
    }

    @Test
    void staffCannotPresentAnotherCustomersCodeNorOneForAGuestAndTryingWritesNothing() {
        var hugos = code(HUGO, 500);
        var stock = backend.level(M, STORE);
        assertThatThrownBy(() -> sellForPickup("cust-camille", hugos.code(), "s-1"))
                .isInstanceOf(DomainException.NotFound.class).hasMessageContaining("no reward code");
        assertThatThrownBy(() -> sellHome("cust-camille", hugos.code(), "s-2"))
                .isInstanceOf(DomainException.NotFound.class).hasMessageContaining("no reward code");
        assertThatThrownBy(() -> orderHome(CAMILLE, hugos.code(), "h-1"))
                .isInstanceOf(DomainException.NotFound.class).hasMessageContaining("no reward code");
        // a guest has no points: even the code's own owner standing there as a guest is told to be named
        assertThatThrownBy(() -> sellForPickup(null, hugos.code(), "s-3"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("rewardCode");
        assertThatThrownBy(() -> sellHome(" ", hugos.code(), "s-4"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("rewardCode");

        assertThat(used(hugos.code())).isFalse();
        assertThat(backend.level(M, STORE)).isEqualTo(stock);
        assertThat(orderStore.byCustomer("cust-camille", null, 10).items()).isEmpty();
        assertThat(deliveryStore.byCustomer("cust-camille", null, 10).items()).isEmpty();
        assertThat(backend.dynamo.scan(r -> r.tableName(backend.tables.orders())).items()).isEmpty();
        assertThat(backend.dynamo.scan(r -> r.tableName(backend.tables.idempotency())).items()).isEmpty();
    }

    @Test
    void aDeliveryOrderRefusesAUsedAnExpiredOrATooLargeCodeAndWritesNothing() {
        var small = code(CAMILLE, 500);
        orderHome(CAMILLE, small.code(), "h-1");
        assertThatThrownBy(() -> sellHome("cust-camille", small.code(), "s-1"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("already used");

        var large = code(CAMILLE, 1000);
        var request = home(null, large.code(), line(M, 1));
        assertThat(large.amountOffCents()).isGreaterThan(backend.catalog.product(M).orElseThrow()
                .priceAt(backend.clock.instant(), com.omnicanal.catalog.SalesChannel.WEB, backend.catalog.zone()));
        assertThatThrownBy(() -> delivery.placing().place(CAMILLE, request,
                key("delivery-orders", "/delivery-orders", CAMILLE, "h-2", request)))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("more than the order");
        assertThat(used(large.code())).isFalse();

        var later = code(CAMILLE, 100);
        backend.clock.advance(RedeemingPoints.CODE_VALIDITY.plusMinutes(1));
        assertThatThrownBy(() -> orderHome(CAMILLE, later.code(), "h-3")).isInstanceOf(DomainException.Gone.class);
        assertThat(used(later.code())).isFalse();
        assertThat(deliveryStore.byCustomer("cust-camille", null, 10).items()).hasSize(1);
        assertThat(backend.level(M, STORE).reserved()).isEqualTo(2);
    }

    @Test
    void aSplitDeliveryOrderCapturesEachParcelsShareAtItsHandOverEvenAfterARefusalAndTheSharesAddUpToTheAmountDue() {
        backend.stock(LINEN, StockLevel.WEB, 10);
        backend.stock(M, LYON, 10);
        var reward = code(CAMILLE, 700);
        var placed = sellHome("cust-camille", reward.code(), "s-1", line(M, 2), line(LINEN, 1));
        var order = placed.order();
        assertThat(order.discount()).isEqualTo(new DeliveryOrder.Discount(reward.code(), 700, (int) reward.amountOffCents()));
        assertThat(order.amountDueCents()).isEqualTo(order.totalCents() - reward.amountOffCents());
        assertThat(placed.shipments()).extracting(Shipment::locationId).containsExactlyInAnyOrder(STORE, StockLevel.WEB);
        assertThat(placed.shipments().stream().mapToInt(Shipment::amountCents).sum()).isEqualTo(order.amountDueCents());
        // her confirmation tells what the card pays, the points' part off
        var due = String.format(java.util.Locale.FRANCE, "%.2f €", order.amountDueCents() / 100.0);
        assertThat(backend.dynamo.scan(r -> r.tableName(backend.tables.outbox())).items().toString()).contains(due);
        // each parcel pays its part of the discount, pro rata of its price
        for (var shipment : placed.shipments()) {
            assertThat(shipment.amountCents()).isLessThan(order.priceOf(shipment.lines()));
        }

        // Paris cannot ship it: Lyon takes the lines over, and the share that goes with them
        var paris = placed.shipments().stream().filter(s -> s.locationId().equals(STORE)).findFirst().orElseThrow();
        delivery.fulfilling().reject(LEA, STORE, paris.id(), "rayon vide");
        var live = deliveryStore.shipments(order.id()).stream().filter(s -> s.status() != Shipment.Status.REJECTED).toList();
        assertThat(live).extracting(Shipment::locationId).containsExactlyInAnyOrder(LYON, StockLevel.WEB);
        var lyon = live.stream().filter(s -> s.locationId().equals(LYON)).findFirst().orElseThrow();
        assertThat(lyon.amountCents()).isEqualTo(paris.amountCents());
        assertThat(used(reward.code())).isTrue();

        var captured = new ArrayList<Integer>();
        for (var shipment : live) {
            var karim = Actor.staff("staff-karim", LYON);
            if (shipment.locationId().equals(LYON)) {
                var f = delivery.fulfilling();
                f.accept(karim, LYON, shipment.id());
                f.pick(karim, LYON, shipment.id());
                f.pack(karim, LYON, shipment.id());
                f.handOver(karim, LYON, shipment.id(), "Colissimo", "6A1234567890");
            } else {
                handOver(shipment);
            }
            orders.sweeping().sweep();
            assertThat(payments.calls()).last().satisfies(call -> {
                assertThat(call.action()).isEqualTo("CAPTURE");
                assertThat(call.authorization()).isEqualTo("pa_points_home");
                assertThat(call.amountCents()).isEqualTo(shipment.amountCents());
            });
            captured.add(payments.calls().get(payments.calls().size() - 1).amountCents());
        }
        assertThat(captured.stream().mapToInt(Integer::intValue).sum()).isEqualTo(order.amountDueCents());
        assertThat(delivery.reading().get(CAMILLE, order.id()).order().status()).isEqualTo(DeliveryOrder.Status.SHIPPED);
    }

    @Test
    void twentyFourOrdersOfEveryKindAtOnceWithOneCodeExactlyOneIsPlaced() throws Exception {
        var reward = code(CAMILLE, 500);
        int threads = 24;
        var race = Race.of(threads).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(180));
        var outcomes = race.run(i -> {
            var k = "o-" + i;
            return switch (i % 4) {
                case 0 -> orderForPickup(CAMILLE, reward.code(), k);
                case 1 -> sellForPickup("cust-camille", reward.code(), k);
                case 2 -> orderHome(CAMILLE, reward.code(), k);
                default -> sellHome("cust-camille", reward.code(), k);
            };
        });
        assertThat(outcomes.count(Race.Outcome::succeeded)).isEqualTo(1);
        assertThat(outcomes.count(o -> o.failedWith(DomainException.InvalidState.class))).isEqualTo(threads - 1);
        var pickups = orderStore.byCustomer("cust-camille", null, 50).items();
        var homes = deliveryStore.byCustomer("cust-camille", null, 50).items();
        assertThat(pickups.size() + homes.size()).isEqualTo(1);
        // only the placed order holds stock, whichever kind it was (every kind holds at Paris Rivoli)
        assertThat(backend.level(M, STORE).reserved()).isEqualTo(2);
        assertThat(backend.level(L, STORE).reserved()).isEqualTo(1);
    }

    @Test
    void aStaffOrderCancelledGivesTheCodeBackAndSoDoesADeliveryOrderEveryPlaceRefusedWithNothingShipped() {
        var reward = code(CAMILLE, 500);
        var sold = sellForPickup("cust-camille", reward.code(), "s-1").order();
        assertThat(orders.cancelling().cancelByStore(LEA, STORE, sold.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(used(reward.code())).isFalse();

        // the code now pays a home delivery that only Paris can ship; Paris refuses it: nothing is left to ship
        var home = sellHome("cust-camille", reward.code(), "s-2");
        assertThat(used(reward.code())).isTrue();
        assertThat(home.shipments()).singleElement().satisfies(s -> assertThat(s.locationId()).isEqualTo(STORE));
        delivery.fulfilling().reject(LEA, STORE, home.shipments().get(0).id(), "abîmé");
        var waiting = deliveryStore.find(home.order().id()).orElseThrow();
        assertThat(waiting.status()).isEqualTo(DeliveryOrder.Status.AWAITING_STOCK);
        assertThat(waiting.discount()).isNull();
        assertThat(used(reward.code())).isFalse();
        assertThat(backend.level(M, STORE).reserved()).isZero();

        // usable again, once
        var again = orderHome(CAMILLE, reward.code(), "h-1");
        assertThat(again.order().discount().code()).isEqualTo(reward.code());
        assertThat(used(reward.code())).isTrue();
        // the ledger is untouched: the points stay spent on the code
        assertThat(ledger.account("cust-camille").orElseThrow().available()).isEqualTo(1500);
    }

    @Test
    void aParcelRefusedWhileAnotherWasShippedKeepsTheCodeUsed() {
        backend.stock(LINEN, StockLevel.WEB, 10);
        var reward = code(CAMILLE, 500);
        var placed = orderHome(CAMILLE, reward.code(), "h-1");
        var split = sellHome("cust-camille", code(CAMILLE, 300).code(), "s-1", line(M, 1), line(LINEN, 1));
        var web = split.shipments().stream().filter(s -> s.locationId().equals(StockLevel.WEB)).findFirst().orElseThrow();
        handOver(web);
        var paris = split.shipments().stream().filter(s -> s.locationId().equals(STORE)).findFirst().orElseThrow();
        delivery.fulfilling().reject(LEA, STORE, paris.id(), "abîmé");
        assertThat(deliveryStore.find(split.order().id()).orElseThrow().discount()).isNotNull();
        assertThat(used(split.order().discount().code())).isTrue();
        assertThat(used(placed.order().discount().code())).isTrue();
    }

    @Test
    void theSameDeliveryOrderSentAgainWithItsKeyIsReplayedNotRefusedAsAUsedCode() {
        var reward = code(CAMILLE, 500);
        var first = sellHome("cust-camille", reward.code(), "s-1");
        var again = sellHome("cust-camille", reward.code(), "s-1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.order().id()).isEqualTo(first.order().id());
        assertThat(again.order().discount()).isEqualTo(first.order().discount());
    }
}
