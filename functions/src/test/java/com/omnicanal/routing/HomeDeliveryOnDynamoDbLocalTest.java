package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import java.time.Duration;

/** Home delivery on DynamoDB Local: routed, split, held, told, kept for ops; and a race for the last units. */
class HomeDeliveryOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    static final String TEE = "TSH-COT-BLU-M";
    static final String LINEN = "VES-LIN-BEI-M";

    TestBackend backend;
    DynamoDeliveries deliveries;
    HomeDelivery delivery;
    final Actor camille = Actor.customer("cust-camille");
    final Actor ops = Actor.ops("ops-amelie");

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        deliveries = new DynamoDeliveries(dynamo.client(), backend.tables);
        delivery = backend.homeDelivery();
    }

    /** Home delivery over DynamoDB Local, its places seen from Dijon's warehouse. */

    /** {@code who} orders these lines home to Paris, under a new idempotency key. */
    static PlacingDeliveryOrders.Outcome placeToParis(HomeDelivery delivery, Actor who,
                                                      DeliveryOrderRequest.LineRequest... lines) {
        var request = toParis(false, lines);
        return delivery.placing().place(who, request, key(who, UUID.randomUUID().toString(), request));
    }

    static DeliveryOrderRequest toParis(boolean oneParcel, DeliveryOrderRequest.LineRequest... lines) {
        return new DeliveryOrderRequest(List.of(lines),
                new DeliveryOrder.Address("Camille Martin", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, oneParcel,
                new DeliveryOrder.Contact("Camille Martin", "camille@example.com", null), "pa_test_000001", null);
    }

    static DeliveryOrderRequest.LineRequest line(String sku, int quantity) {
        return new DeliveryOrderRequest.LineRequest(sku, quantity);
    }

    static IdempotencyKey key(Actor caller, String key, Object body) {
        return Callers.idempotencyKey("delivery-orders",
                new Idempotency.Key(caller.id(), key, Idempotency.fingerprint("/delivery-orders", Json.write(body))));
    }

    PlacingDeliveryOrders.Outcome place(Actor who, DeliveryOrderRequest request) {
        return delivery.placing().place(who, request, key(who, UUID.randomUUID().toString(), request));
    }

    @Test
    void aWebOrderIsSplitBetweenTheNearestStoreAndTheWarehouseAndEachShipmentHoldsItsUnits() {
        backend.stock(TEE, "paris-rivoli", 3);
        backend.stock(TEE, "lyon-republique", 9);
        backend.stock(LINEN, StockLevel.WEB, 10);

        var placed = place(camille, toParis(false, line(TEE, 2), line(LINEN, 1)));

        assertThat(placed.order().status()).isEqualTo(DeliveryOrder.Status.IN_FULFILMENT);
        assertThat(placed.shipments()).extracting(Shipment::locationId).containsExactly("paris-rivoli", StockLevel.WEB);
        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isEqualTo(2);
        assertThat(backend.level(TEE, "lyon-republique").reserved()).isZero();
        assertThat(backend.level(LINEN, StockLevel.WEB).reserved()).isEqualTo(1);
        var read = delivery.reading().get(camille, placed.order().id());
        assertThat(read.shipments()).hasSize(2).allMatch(s -> s.status() == Shipment.Status.OFFERED);
        var decisions = delivery.reading().routing(ops, placed.order().id());
        assertThat(decisions).hasSize(1);
        var decision = decisions.get(0).decision();
        assertThat(decision.outcome()).isEqualTo(RoutingDecision.Outcome.SPLIT);
        assertThat(decision.candidates()).extracting(RoutingDecision.Verdict::locationId)
                .containsExactlyInAnyOrder(StockLevel.WEB, "paris-rivoli", "paris-saint-germain", "lyon-republique",
                        "bordeaux-sainte-catherine", "lille-neuve");
        // the catalogue's Nantes store does not offer ship-from-store: no candidate
        assertThat(decision.candidates()).filteredOn(v -> v.locationId().equals("bordeaux-sainte-catherine"))
                .extracting(RoutingDecision.Verdict::excludedBy).containsExactly(RoutingDecision.Filter.SAFETY_STOCK);
        assertThat(backend.countItems().getOrDefault(backend.tables.outbox(), 0)).isPositive();
    }

    @Test
    void nobodyElseReachesTheOrderAndOnlyOpsReadItsRouting() {
        backend.stock(TEE, "paris-rivoli", 3);
        var placed = place(camille, toParis(false, line(TEE, 1)));

        assertThatThrownBy(() -> delivery.reading().get(Actor.customer("cust-other"), placed.order().id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> delivery.reading().get(Actor.staff("s", "paris-rivoli"), placed.order().id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> delivery.reading().routing(camille, placed.order().id()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThat(delivery.reading().get(ops, placed.order().id()).order().id()).isEqualTo(placed.order().id());
    }

    @Test
    void aRetryWithTheSameKeyGetsTheSameOrderAndHoldsNothingMore() {
        backend.stock(TEE, "paris-rivoli", 5);
        var request = toParis(false, line(TEE, 1));
        var k = key(camille, "same-key-0001", request);

        var first = delivery.placing().place(camille, request, k);
        var again = delivery.placing().place(camille, request, k);

        assertThat(again.replayed()).isTrue();
        assertThat(again.order().id()).isEqualTo(first.order().id());
        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isEqualTo(1);
    }

    @Test
    void oneParcelAskedWaitsAndHoldsNothing() {
        backend.stock(TEE, "paris-rivoli", 3);
        backend.stock(LINEN, StockLevel.WEB, 10);

        var placed = place(camille, toParis(true, line(TEE, 1), line(LINEN, 1)));

        assertThat(placed.order().status()).isEqualTo(DeliveryOrder.Status.AWAITING_STOCK);
        assertThat(placed.shipments()).isEmpty();
        assertThat(placed.order().waiting()).hasSize(2);
        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isZero();
    }

    @Test
    void aStoreTakesNoMoreShipmentsThanItsDailyCapacity() {
        delivery.rules().set(ops, new RoutingRules(null, 3, true, 1, 0, Map.of(), 1, Map.of(),
                List.of(RoutingRules.Sort.DISTANCE), null, null));
        backend.stock(TEE, "paris-rivoli", 10);
        backend.stock(TEE, "lyon-republique", 10);

        var first = place(camille, toParis(false, line(TEE, 1)));
        var second = place(camille, toParis(false, line(TEE, 1)));

        assertThat(first.shipments()).extracting(Shipment::locationId).containsExactly("paris-rivoli");
        assertThat(second.shipments()).extracting(Shipment::locationId).containsExactly("lyon-republique");
        var verdicts = delivery.reading().routing(ops, second.order().id()).get(0).decision().candidates();
        assertThat(verdicts).filteredOn(v -> v.locationId().equals("paris-rivoli"))
                .extracting(RoutingDecision.Verdict::excludedBy).containsExactly(RoutingDecision.Filter.DAILY_CAPACITY);
        assertThat(delivery.reading().routing(ops, second.order().id()).get(0).decision().rulesVersion()).isEqualTo(1);
    }

    @Test
    void racingForTheLastUnitsInSeveralStoresNeverOversells() throws Exception {
        // above the default safety stock of one unit per store: 2 at Paris, 2 at Lyon, 1 at Bordeaux; none at the warehouse
        backend.stock(TEE, "paris-rivoli", 3);
        backend.stock(TEE, "lyon-republique", 3);
        backend.stock(TEE, "bordeaux-sainte-catherine", 2);
        delivery.rules().set(ops, new RoutingRules(null, 3, true, 1, 0, Map.of(), 100, Map.of(),
                List.of(RoutingRules.Sort.DISTANCE), null, null));
        int customers = 24;
        // only "changing too fast" may refuse an order; it holds nothing
        var outcomes = Race.of(customers).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(120))
                .run(i -> place(Actor.customer("cust-" + i), toParis(false, line(TEE, 1))));
        long shipped = outcomes.count(o -> o.succeeded() && o.value().order().status() == DeliveryOrder.Status.IN_FULFILMENT);
        long waiting = outcomes.all().size() - shipped;

        assertThat(shipped).isEqualTo(5);
        assertThat(shipped + waiting).isEqualTo(customers);
        for (var store : List.of("paris-rivoli", "lyon-republique", "bordeaux-sainte-catherine")) {
            var level = backend.level(TEE, store);
            assertThat(level.available()).as("units left free at %s", store).isEqualTo(1);
        }
    }

    @Test
    void theEndlessAisleRecordsTheSellingStoreAndStaffAndShipsFromWhereTheStockIs() {
        // Lyon sells a jacket it does not have, to a Paris customer: Paris Rivoli ships it
        backend.stock(TEE, "paris-rivoli", 5);
        var karim = Actor.staff("staff-karim", "lyon-republique");
        var request = new DeliveryOrderRequest(List.of(line(TEE, 1)),
                new DeliveryOrder.Address("Camille Martin", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false,
                new DeliveryOrder.Contact("Camille Martin", "camille@example.com", null), "pa_test_000002", "cust-camille");

        var sold = delivery.placing().placeInStore(karim, "lyon-republique", request,
                key(karim, UUID.randomUUID().toString(), request));

        assertThat(sold.order().soldBy()).isEqualTo(new DeliveryOrder.SoldBy("lyon-republique", "staff-karim"));
        assertThat(sold.order().customerId()).isEqualTo("cust-camille");
        assertThat(sold.shipments()).extracting(Shipment::locationId).containsExactly("paris-rivoli");
        assertThat(delivery.reading().get(karim, sold.order().id()).order().id()).isEqualTo(sold.order().id());
        assertThat(delivery.reading().get(camille, sold.order().id()).order().soldBy().storeId()).isEqualTo("lyon-republique");
        assertThatThrownBy(() -> delivery.reading().get(Actor.staff("s", "bordeaux-sainte-catherine"), sold.order().id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> delivery.placing().placeInStore(karim, "paris-rivoli", request,
                key(karim, UUID.randomUUID().toString(), request))).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> delivery.placing().placeInStore(camille, "lyon-republique", request,
                key(camille, UUID.randomUUID().toString(), request))).isInstanceOf(DomainException.Forbidden.class);
        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isEqualTo(1);
    }
}
