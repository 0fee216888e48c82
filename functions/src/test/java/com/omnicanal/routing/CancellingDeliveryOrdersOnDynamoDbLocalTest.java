package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A delivery order cancelled on DynamoDB Local: its shipments leave the queues, their units come back, the customer is
 * told once and the authorization is voided; a picked parcel stops it; a race with the store has one winner; and only
 * its customer (after a merge, the survivor), ops and the selling store reach it.
 */
class CancellingDeliveryOrdersOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    static final String TEE = HomeDeliveryOnDynamoDbLocalTest.TEE;
    static final String LINEN = HomeDeliveryOnDynamoDbLocalTest.LINEN;
    static final String PARIS = "paris-rivoli";

    TestBackend backend;
    HomeDelivery delivery;
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor ops = Actor.ops("ops-amelie");
    final Actor paris = Actor.staff("staff-paris", PARIS);

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        delivery = backend.homeDelivery();
    }

    PlacingDeliveryOrders.Outcome place(Actor who, DeliveryOrderRequest.LineRequest... lines) {
        return HomeDeliveryOnDynamoDbLocalTest.placeToParis(delivery, who, lines);
    }

    static DeliveryOrderRequest.LineRequest line(String sku, int quantity) {
        return HomeDeliveryOnDynamoDbLocalTest.line(sku, quantity);
    }

    long cancelledMessages(String orderId) {
        return dynamo.client().scan(ScanRequest.builder().tableName(backend.tables.outbox()).consistentRead(true).build())
                .items().stream().filter(i -> i.containsKey("kind") && "DELIVERY_CANCELLED".equals(i.get("kind").s()))
                .filter(i -> i.get("dedupeKey").s().endsWith(orderId)).count();
    }

    RecordingPayments sweep() {
        var payments = new RecordingPayments(backend.clock);
        ClickAndCollect.of(backend.catalog, backend.ledger, new DynamoOrders(dynamo.client(), backend.tables), payments,
                OrderPolicy.DEFAULT, backend.clock).sweeping().sweep();
        return payments;
    }

    @Test
    void aCancelledOrderReleasesEveryParcelsUnitsLeavesTheQueuesTellsTheCustomerOnceAndVoidsTheCard() {
        backend.stock(TEE, PARIS, 5);
        backend.stock(LINEN, StockLevel.WEB, 5);
        var placed = place(camille, line(TEE, 2), line(LINEN, 1));
        var store = placed.shipments().stream().filter(s -> s.locationId().equals(PARIS)).findFirst().orElseThrow();
        delivery.fulfilling().accept(paris, PARIS, store.id());
        assertThat(backend.level(TEE, PARIS).reserved()).isEqualTo(2);

        var cancelled = delivery.cancelling().cancel(camille, placed.order().id(), "commandé en double");

        assertThat(cancelled.order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(cancelled.shipments()).hasSize(2).allSatisfy(s -> {
            assertThat(s.status()).isEqualTo(Shipment.Status.CANCELLED);
            assertThat(s.timeline().get(s.timeline().size() - 1).note()).contains("commandé en double");
        });
        assertThat(backend.level(TEE, PARIS).reserved()).isZero();
        assertThat(backend.level(TEE, PARIS).onHand()).isEqualTo(5);
        assertThat(backend.level(LINEN, StockLevel.WEB).reserved()).isZero();
        for (var status : List.of("OFFERED", "ACCEPTED")) {
            assertThat(delivery.fulfilling().queue(paris, PARIS, status)).isEmpty();
        }
        var read = delivery.reading().get(camille, placed.order().id());
        assertThat(read.order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(read.shipments()).extracting(Shipment::status).containsOnly(Shipment.Status.CANCELLED);
        assertThat(delivery.reading().mine(camille, null).items()).singleElement()
                .satisfies(o -> assertThat(o.order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED));
        assertThat(cancelledMessages(placed.order().id())).isEqualTo(1);
        assertThat(sweep().calls()).singleElement().satisfies(call -> {
            assertThat(call.action()).isEqualTo("VOID");
            assertThat(call.orderId()).isEqualTo(placed.order().id());
            assertThat(call.authorization()).isEqualTo("pa_test_000001");
        });

        // again: 409, and nothing more is written
        assertThatThrownBy(() -> delivery.cancelling().cancel(camille, placed.order().id(), null))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("already cancelled");
        assertThat(cancelledMessages(placed.order().id())).isEqualTo(1);
        // a cancelled parcel cannot be taken up again by the store
        assertThatThrownBy(() -> delivery.fulfilling().accept(paris, PARIS, store.id()))
                .isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void anOrderWhoseLinesOnlyWaitForStockIsCancelled() {
        var placed = place(camille, line(TEE, 1));
        assertThat(placed.order().status()).isEqualTo(DeliveryOrder.Status.AWAITING_STOCK);

        var cancelled = delivery.cancelling().cancel(camille, placed.order().id(), null);

        assertThat(cancelled.order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(cancelledMessages(placed.order().id())).isEqualTo(1);
    }

    @Test
    void oncePickedTheOrderCannotBeCancelledAndNothingChanges() {
        backend.stock(TEE, PARIS, 5);
        backend.stock(LINEN, StockLevel.WEB, 5);
        var placed = place(camille, line(TEE, 2), line(LINEN, 1));
        var store = placed.shipments().stream().filter(s -> s.locationId().equals(PARIS)).findFirst().orElseThrow();
        delivery.fulfilling().accept(paris, PARIS, store.id());
        delivery.fulfilling().pick(paris, PARIS, store.id());
        var before = delivery.reading().get(ops, placed.order().id());

        assertThatThrownBy(() -> delivery.cancelling().cancel(camille, placed.order().id(), null))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("PICKED");

        assertThat(delivery.reading().get(ops, placed.order().id())).isEqualTo(before);
        assertThat(backend.level(TEE, PARIS).reserved()).isEqualTo(2);
        assertThat(backend.level(LINEN, StockLevel.WEB).reserved()).isEqualTo(1);
        assertThat(cancelledMessages(placed.order().id())).isZero();
    }

    @Test
    void raceOfCancelsAndTheStoresPickHasOneWinnerAndStockIsConserved() throws Exception {
        // a pick reads less than a cancel and wins an even start: in some rounds one side is let go a little later, so
        // that either side wins some round (the assertions hold whoever wins)
        var outcomes = new java.util.ArrayList<String>();
        int[][] rounds = {{6, 0, 0}, {6, 40, 0}, {12, 0, 40}, {12, 40, 0}};
        for (var round : rounds) {
            int picking = round[0];
            long picksLater = round[1];
            long cancelsLater = round[2];
            backend.resetTables();
            backend.stock(TEE, PARIS, 5);
            var placed = place(camille, line(TEE, 2));
            var id = placed.shipments().get(0).id();
            delivery.fulfilling().accept(paris, PARIS, id);
            var race = Race.of(24).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(120)).run(i -> {
                boolean pick = i < picking;
                Thread.sleep(pick ? picksLater : cancelsLater);
                return pick ? (Object) delivery.fulfilling().pick(paris, PARIS, id)
                        : delivery.cancelling().cancel(camille, placed.order().id(), null);
            });
            long picked = race.all().subList(0, picking).stream().filter(Race.Outcome::succeeded).count();
            long cancelled = race.count(Race.Outcome::succeeded) - picked;

            var read = delivery.reading().get(ops, placed.order().id());
            var shipment = read.shipments().get(0);
            var level = backend.level(TEE, PARIS);
            assertThat(level.onHand()).isEqualTo(5);
            assertThat(cancelled + picked).as("one outcome wins").isEqualTo(1);
            outcomes.add(cancelled == 1 ? "cancelled" : "picked");
            if (cancelled == 1) {
                assertThat(read.order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED);
                assertThat(shipment.status()).isEqualTo(Shipment.Status.CANCELLED);
                assertThat(level.reserved()).isZero();
                assertThat(cancelledMessages(placed.order().id())).isEqualTo(1);
            } else {
                assertThat(read.order().status()).isEqualTo(DeliveryOrder.Status.IN_FULFILMENT);
                assertThat(shipment.status()).isEqualTo(Shipment.Status.PICKED);
                assertThat(level.reserved()).isEqualTo(2);
                assertThat(cancelledMessages(placed.order().id())).isZero();
            }
        }
        System.out.println("cancel-or-pick races won: " + outcomes);
    }

    @Test
    void aCancellationReadBeforeThePickIsRefusedWholeAndChangesNothing() {
        backend.stock(TEE, PARIS, 5);
        backend.stock(LINEN, StockLevel.WEB, 5);
        var deliveries = new DynamoDeliveries(dynamo.client(), backend.tables);
        var placed = place(camille, line(TEE, 2), line(LINEN, 1));
        var store = placed.shipments().stream().filter(s -> s.locationId().equals(PARIS)).findFirst().orElseThrow();
        delivery.fulfilling().accept(paris, PARIS, store.id());
        // read while every parcel was still cancellable...
        var order = deliveries.find(placed.order().id()).orElseThrow();
        var stale = deliveries.shipments(order.id()).stream().map(s -> new Deliveries.CancelledShipment(
                s.moveTo(Shipment.Status.CANCELLED, backend.clock.instant(), "cust-camille", null), s.status())).toList();
        // ...then the store picks
        delivery.fulfilling().pick(paris, PARIS, store.id());

        assertThat(deliveries.cancel(new Deliveries.Cancellation(
                order.with(DeliveryOrder.Status.CANCELLED, order.waiting(), backend.clock.instant()), order.status(),
                stale, List.of(DeliveryMessages.cancelled(order, backend.clock.instant())), null))).isFalse();

        var read = delivery.reading().get(ops, order.id());
        assertThat(read.order().status()).isEqualTo(DeliveryOrder.Status.IN_FULFILMENT);
        assertThat(read.shipments()).extracting(Shipment::status)
                .containsExactlyInAnyOrder(Shipment.Status.PICKED, Shipment.Status.OFFERED);
        assertThat(backend.level(TEE, PARIS).reserved()).isEqualTo(2);
        assertThat(backend.level(LINEN, StockLevel.WEB).reserved()).isEqualTo(1);
        assertThat(cancelledMessages(order.id())).isZero();
        assertThat(sweep().calls()).isEmpty();
    }

    /** How many succeeded; every other one was refused as a conflict (409), nothing else. */
    @Test
    void onlyItsCustomerOpsAndTheSellingStoreReachTheCancelAndAMergedWalkInsOrderIsTheSurvivors() {
        backend.stock(TEE, PARIS, 10);
        var walkIn = Actor.customer("walkin-7");
        var placed = place(walkIn, line(TEE, 1));
        new DynamoCustomerHistory(dynamo.client(), backend.tables).reassign("walkin-7", "cust-camille");
        var id = placed.order().id();

        for (var stranger : List.of(walkIn, hugo, paris, Actor.staff("staff-lyon", "lyon-republique"))) {
            assertThatThrownBy(() -> delivery.cancelling().cancel(stranger, id, null))
                    .as("%s", stranger).isInstanceOf(DomainException.NotFound.class);
        }
        assertThat(delivery.reading().get(ops, id).order().status()).isNotEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(delivery.cancelling().cancel(camille, id, null).order().status())
                .isEqualTo(DeliveryOrder.Status.CANCELLED);

        // ops cancel anyone's
        var hugos = place(hugo, line(TEE, 1));
        assertThat(delivery.cancelling().cancel(ops, hugos.order().id(), null).order().status())
                .isEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(backend.level(TEE, PARIS).reserved()).isZero();
    }

    @Test
    void theSellingStoreCancelsItsEndlessAisleOrderForAGuestAndNoOtherStoreCan() {
        backend.stock(TEE, PARIS, 5);
        var karim = Actor.staff("staff-karim", "lyon-republique");
        var request = new DeliveryOrderRequest(List.of(line(TEE, 1)),
                new DeliveryOrder.Address("Camille Martin", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false,
                new DeliveryOrder.Contact("Camille Martin", "camille@example.com", null), "pa_test_000002", null);
        var sold = delivery.placing().placeInStore(karim, "lyon-republique", request,
                HomeDeliveryOnDynamoDbLocalTest.key(karim, UUID.randomUUID().toString(), request));
        var id = sold.order().id();
        assertThat(sold.order().byGuest()).isTrue();

        for (var stranger : List.of(camille, Actor.customer(sold.order().customerId()), paris)) {
            assertThatThrownBy(() -> delivery.cancelling().cancel(stranger, id, null))
                    .as("%s", stranger).isInstanceOf(DomainException.NotFound.class);
        }
        assertThat(delivery.cancelling().cancel(Actor.staff("staff-lea", "lyon-republique"), id, "le client a changé d'avis")
                .order().status()).isEqualTo(DeliveryOrder.Status.CANCELLED);
        assertThat(backend.level(TEE, PARIS).reserved()).isZero();
        assertThat(cancelledMessages(id)).isEqualTo(1);
    }

    @Test
    void aReasonIsOneToTwoHundredCharactersAndABadOneChangesNothing() {
        backend.stock(TEE, PARIS, 5);
        var placed = place(camille, line(TEE, 1));

        for (var bad : List.of("   ", "x".repeat(201))) {
            assertThatThrownBy(() -> delivery.cancelling().cancel(camille, placed.order().id(), bad))
                    .isInstanceOf(DomainException.InvalidInput.class);
        }
        assertThat(delivery.reading().get(camille, placed.order().id()).order().status())
                .isEqualTo(DeliveryOrder.Status.IN_FULFILMENT);
        assertThat(backend.level(TEE, PARIS).reserved()).isEqualTo(1);
        // 200 characters as openapi.yaml counts them, each two UTF-16 units here
        assertThat(delivery.cancelling().cancel(camille, placed.order().id(), "📦".repeat(200)).order().status())
                .isEqualTo(DeliveryOrder.Status.CANCELLED);
    }
}
