package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.omnicanal.customer.TimelineEntry;
import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A person's delivery orders and shipments are theirs in the customer capability too: exported, moved by a merge,
 * scrubbed by an erasure (the store's queue and the accounts keep what they need).
 */
class DeliveriesOfAPersonTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    static final String TEE = HomeDeliveryOnDynamoDbLocalTest.TEE;
    static final String PARIS = "paris-rivoli";

    TestBackend backend;
    DynamoDeliveries deliveries;
    HomeDelivery delivery;
    DynamoCustomerHistory history;
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor staff = Actor.staff("staff-paris", PARIS);

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        deliveries = new DynamoDeliveries(dynamo.client(), backend.tables);
        delivery = backend.homeDelivery();
        history = new DynamoCustomerHistory(dynamo.client(), backend.tables);
        backend.stock(TEE, PARIS, 10);
    }

    PlacingDeliveryOrders.Outcome place(Actor who, String name, String street, String email) {
        var request = new DeliveryOrderRequest(List.of(new DeliveryOrderRequest.LineRequest(TEE, 1)),
                new DeliveryOrder.Address(name, street, "75001", "Paris", "FR", 48.8606, 2.3444),
                DeliveryOrder.DeliveryOption.STANDARD, false, new DeliveryOrder.Contact(name, email, "+33612345678"),
                "pa_test_000001", null);
        return delivery.placing().place(who, request,
                HomeDeliveryOnDynamoDbLocalTest.key(who, UUID.randomUUID().toString(), request));
    }

    @Test
    void anErasureTakesThePersonalDataOutOfTheirDeliveryOrdersAndShipmentsAndTheStoreStillShipsThem() {
        var mine = place(camille, "Camille Martin", "3 rue du Louvre", "camille@example.com");
        var his = place(hugo, "Hugo Petit", "8 rue de Rivoli", "hugo@example.com");
        var shipmentId = mine.shipments().get(0).id();
        assertThat(history.export("cust-camille")).anySatisfy(r -> assertThat(r.toString()).contains(mine.order().id(),
                "3 rue du Louvre")).anySatisfy(r -> assertThat(r.toString()).contains(shipmentId));

        history.anonymise("cust-camille", "anon-1");

        var scrubbed = deliveries.find(mine.order().id()).orElseThrow();
        assertThat(scrubbed.customerId()).isEqualTo("anon-1");
        assertThat(scrubbed.contact()).isNull();
        assertThat(scrubbed.address().name()).isNull();
        assertThat(scrubbed.address().street()).isNull();
        assertThat(scrubbed.address().latitude()).isNull();
        // the accounts keep what was sold, for how much, and where it went to (its postcode routes it still)
        assertThat(scrubbed.address().postcode()).isEqualTo("75001");
        assertThat(scrubbed.lines()).isEqualTo(mine.order().lines());
        assertThat(scrubbed.totalCents()).isEqualTo(mine.order().totalCents());
        assertThat(deliveries.shipment(shipmentId).orElseThrow().customerId()).isEqualTo("anon-1");
        // nothing in Orders names or reaches her any more
        var orders = dynamo.client().scan(ScanRequest.builder().tableName(backend.tables.orders()).build()).items().toString();
        assertThat(orders).doesNotContain("cust-camille", "Camille", "Louvre", "camille@example.com")
                .contains("Hugo Petit", "hugo@example.com");
        assertThat(history.export("cust-camille")).isEmpty();
        assertThatThrownBy(() -> delivery.reading().get(camille, mine.order().id()))
                .isInstanceOf(DomainException.NotFound.class);

        // the store's queue still has the parcel and ships it
        var f = delivery.fulfilling();
        assertThat(f.queue(staff, PARIS, null)).extracting(Shipment::id).contains(shipmentId);
        f.accept(staff, PARIS, shipmentId);
        f.pick(staff, PARIS, shipmentId);
        f.pack(staff, PARIS, shipmentId);
        var left = f.handOver(staff, PARIS, shipmentId, "Colissimo", "6A12345678901");
        assertThat(left.trackingRef()).isEqualTo("6A12345678901");
        assertThat(left.amountCents()).isEqualTo(mine.shipments().get(0).amountCents());

        var untouched = delivery.reading().get(hugo, his.order().id());
        assertThat(untouched.order().contact().email()).isEqualTo("hugo@example.com");
        assertThat(untouched.order().address().street()).isEqualTo("8 rue de Rivoli");
        assertThat(untouched.shipments()).allSatisfy(s -> assertThat(s.customerId()).isEqualTo("cust-hugo"));
    }

    @Test
    void aMergeMovesTheWalkInsDeliveryOrdersAndShipmentsToTheSurvivorAndNobodyElseReadsThem() {
        var walkIn = Actor.customer("walkin-7");
        var placed = place(walkIn, "Camille Martin", "3 rue du Louvre", "camille@example.com");
        var shipmentId = placed.shipments().get(0).id();

        assertThat(history.reassign("walkin-7", "cust-camille")).isPositive();

        var read = delivery.reading().get(camille, placed.order().id());
        assertThat(read.order().customerId()).isEqualTo("cust-camille");
        assertThat(read.shipments()).extracting(Shipment::customerId).containsOnly("cust-camille");
        assertThatThrownBy(() -> delivery.reading().get(walkIn, placed.order().id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> delivery.reading().get(hugo, placed.order().id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(history.export("walkin-7")).isEmpty();
        assertThat(history.export("cust-camille")).anySatisfy(r -> assertThat(r.toString()).contains(placed.order().id()))
                .anySatisfy(r -> assertThat(r.toString()).contains(shipmentId));
        assertThat(history.timeline("cust-camille", null, 10)).extracting(TimelineEntry::kind, TimelineEntry::id)
                .contains(tuple("delivery", placed.order().id()), tuple("delivery", shipmentId));
        // the store goes on with it
        assertThat(delivery.fulfilling().accept(staff, PARIS, shipmentId).customerId()).isEqualTo("cust-camille");
    }

    @Test
    void aParcelRejectedAfterTheErasureIsRoutedAgainByThePostcodeAlone() {
        backend.stock(TEE, "lyon-republique", 5);
        var mine = place(camille, "Camille Martin", "3 rue du Louvre", "camille@example.com");
        var first = mine.shipments().get(0);
        assertThat(first.locationId()).isEqualTo(PARIS);
        history.anonymise("cust-camille", "anon-2");

        delivery.fulfilling().reject(staff, PARIS, first.id(), "rayon vide");

        var read = delivery.reading().get(Actor.ops("ops-amelie"), mine.order().id());
        assertThat(read.order().customerId()).isEqualTo("anon-2");
        assertThat(read.shipments()).filteredOn(s -> s.status() == Shipment.Status.OFFERED)
                .extracting(Shipment::locationId, Shipment::customerId).containsExactly(tuple("lyon-republique", "anon-2"));
        assertThat(backend.level(TEE, "lyon-republique").reserved()).isEqualTo(1);
    }

    @Test
    void anErasureDropsTheSavedAnswerOfAnEndlessAisleOrderTheStaffPlacedForThePerson() {
        var karim = Actor.staff("staff-karim", "lyon-republique");
        var request = new DeliveryOrderRequest(List.of(new DeliveryOrderRequest.LineRequest(TEE, 1)),
                new DeliveryOrder.Address("Camille Martin", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false,
                new DeliveryOrder.Contact("Camille Martin", "camille@example.com", null), "pa_test_000002", "cust-camille");
        // the saved answer is under the staff member's key, not hers
        delivery.placing().placeInStore(karim, "lyon-republique", request,
                HomeDeliveryOnDynamoDbLocalTest.key(karim, UUID.randomUUID().toString(), request));
        assertThat(idempotencyRecords()).contains("Louvre");

        history.anonymise("cust-camille", "anon-3");

        assertThat(idempotencyRecords()).doesNotContain("Louvre", "cust-camille", "camille@example.com");
    }

    private String idempotencyRecords() {
        return dynamo.client().scan(ScanRequest.builder().tableName(backend.tables.idempotency()).build()).items().toString();
    }

    @Test
    void aStoreStepReadBeforeAMergeDoesNotGiveTheShipmentBackToTheWalkIn() {
        var placed = place(Actor.customer("walkin-8"), "Camille Martin", "3 rue du Louvre", "camille@example.com");
        var stale = deliveries.shipment(placed.shipments().get(0).id()).orElseThrow();

        history.reassign("walkin-8", "cust-camille");

        assertThat(deliveries.advance(stale.moveTo(Shipment.Status.ACCEPTED, stale.updatedAt(), "staff-paris", null),
                Shipment.Status.OFFERED, List.of(), false, null)).isFalse();
        assertThat(deliveries.shipment(stale.id()).orElseThrow().customerId()).isEqualTo("cust-camille");
    }
}
