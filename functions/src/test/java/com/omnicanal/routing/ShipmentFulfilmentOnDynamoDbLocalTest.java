package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A place works its queue: accept, pick, pack, hand over (sold, captured, told); or reject, and the lines go on. */
class ShipmentFulfilmentOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    static final String TEE = HomeDeliveryOnDynamoDbLocalTest.TEE;
    static final String LINEN = HomeDeliveryOnDynamoDbLocalTest.LINEN;

    TestBackend backend;
    HomeDelivery delivery;
    final Actor camille = Actor.customer("cust-camille");
    final Actor ops = Actor.ops("ops-amelie");
    final Actor paris = Actor.staff("staff-paris", "paris-rivoli");

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        delivery = backend.homeDelivery();
    }

    PlacingDeliveryOrders.Outcome place(DeliveryOrderRequest.LineRequest... lines) {
        var request = HomeDeliveryOnDynamoDbLocalTest.toParis(false, lines);
        return delivery.placing().place(camille, request,
                HomeDeliveryOnDynamoDbLocalTest.key(camille, UUID.randomUUID().toString(), request));
    }

    static DeliveryOrderRequest.LineRequest line(String sku, int quantity) {
        return HomeDeliveryOnDynamoDbLocalTest.line(sku, quantity);
    }

    @Test
    void aShipmentGoesThroughItsPlacesQueueAndLeavesWithItsTrackingReference() {
        backend.stock(TEE, "paris-rivoli", 5);
        var placed = place(line(TEE, 2));
        var id = placed.shipments().get(0).id();
        assertThat(delivery.fulfilling().queue(paris, "paris-rivoli", null)).extracting(Shipment::id).containsExactly(id);

        var f = delivery.fulfilling();
        f.accept(paris, "paris-rivoli", id);
        f.pick(paris, "paris-rivoli", id);
        f.pack(paris, "paris-rivoli", id);
        var left = f.handOver(paris, "paris-rivoli", id, "Colissimo", "6A12345678901");

        assertThat(left.status()).isEqualTo(Shipment.Status.HANDED_OVER);
        assertThat(left.trackingRef()).isEqualTo("6A12345678901");
        var level = backend.level(TEE, "paris-rivoli");
        assertThat(level.onHand()).isEqualTo(3);
        assertThat(level.reserved()).isZero();
        assertThat(delivery.reading().get(camille, placed.order().id()).order().status())
                .isEqualTo(DeliveryOrder.Status.SHIPPED);
        assertThat(delivery.fulfilling().queue(paris, "paris-rivoli", null)).isEmpty();
        // the order sweeper captures the shipment's share, as it captures a collected order
        var payments = new RecordingPayments(backend.clock);
        ClickAndCollect.of(backend.catalog, backend.ledger, new DynamoOrders(dynamo.client(), backend.tables), payments,
                OrderPolicy.DEFAULT, backend.clock).sweeping().sweep();
        assertThat(payments.calls()).anySatisfy(c -> {
            assertThat(c.action()).isEqualTo("CAPTURE");
            assertThat(c.orderId()).isEqualTo(id);
            assertThat(c.authorization()).isEqualTo("pa_test_000001");
            assertThat(c.amountCents()).isEqualTo(left.amountCents()).isPositive();
        });
    }

    @Test
    void aRejectionReleasesTheUnitsAndRoutesTheLinesToTheNextPlaceAtOnce() {
        backend.stock(TEE, "paris-rivoli", 5);
        backend.stock(TEE, "lyon-republique", 5);
        var placed = place(line(TEE, 2));
        var first = placed.shipments().get(0);
        assertThat(first.locationId()).isEqualTo("paris-rivoli");

        delivery.fulfilling().reject(paris, "paris-rivoli", first.id(), "rayon vide");

        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isZero();
        assertThat(backend.level(TEE, "lyon-republique").reserved()).isEqualTo(2);
        var read = delivery.reading().get(camille, placed.order().id());
        assertThat(read.shipments()).extracting(Shipment::locationId, Shipment::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("paris-rivoli", Shipment.Status.REJECTED),
                org.assertj.core.groups.Tuple.tuple("lyon-republique", Shipment.Status.OFFERED));
        var decisions = delivery.reading().routing(ops, placed.order().id());
        assertThat(decisions).hasSize(2);
        assertThat(decisions.get(1).occasion()).contains("paris-rivoli").contains("rayon vide");
        assertThat(decisions.get(1).decision().candidates()).filteredOn(v -> v.locationId().equals("paris-rivoli"))
                .extracting(RoutingDecision.Verdict::excludedBy).containsExactly(RoutingDecision.Filter.REJECTED_THIS_ORDER);
    }

    @Test
    void whenNobodyElseCanShipTheRejectedLinesWaitAndNothingIsLost() {
        backend.stock(TEE, "paris-rivoli", 5);
        backend.stock(LINEN, StockLevel.WEB, 5);
        var placed = place(line(TEE, 1), line(LINEN, 1));
        var store = placed.shipments().stream().filter(s -> s.locationId().equals("paris-rivoli")).findFirst().orElseThrow();

        delivery.fulfilling().reject(paris, "paris-rivoli", store.id(), null);

        var read = delivery.reading().get(camille, placed.order().id());
        assertThat(read.order().status()).isEqualTo(DeliveryOrder.Status.AWAITING_STOCK);
        assertThat(read.order().waiting()).extracting(RoutingRequest.Line::sku).containsExactly(TEE);
        assertThat(read.shipments()).filteredOn(s -> s.status() != Shipment.Status.REJECTED)
                .extracting(Shipment::locationId).containsExactly(StockLevel.WEB);
        assertThat(backend.level(TEE, "paris-rivoli").reserved()).isZero();
    }

    @Test
    void staffOfAnotherStoreNeitherSeeNorMoveTheShipment() {
        backend.stock(TEE, "paris-rivoli", 5);
        var id = place(line(TEE, 1)).shipments().get(0).id();
        var lyon = Actor.staff("staff-lyon", "lyon-republique");

        assertThatThrownBy(() -> delivery.fulfilling().accept(lyon, "paris-rivoli", id))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> delivery.fulfilling().accept(lyon, "lyon-republique", id))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> delivery.fulfilling().queue(camille, "paris-rivoli", null))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> delivery.fulfilling().handOver(paris, "paris-rivoli", id, "Colissimo", "6A1"))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(delivery.fulfilling().queue(ops, "paris-rivoli", "OFFERED")).hasSize(1);
    }
}
