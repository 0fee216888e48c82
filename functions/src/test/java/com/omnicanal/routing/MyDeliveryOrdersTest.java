package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer's own list of delivery orders (GET /customers/me/deliveries), over DynamoDB Local: newest first, a page at
 * a time, with their shipments; nobody else's, a merged walk-in's as the survivor's, nothing once erased.
 */
class MyDeliveryOrdersTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    static final String TEE = HomeDeliveryOnDynamoDbLocalTest.TEE;
    static final String PARIS = "paris-rivoli";

    TestBackend backend;
    HomeDelivery delivery;
    DynamoCustomerHistory history;
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        delivery = backend.homeDelivery();
        history = new DynamoCustomerHistory(dynamo.client(), backend.tables);
        backend.stock(TEE, PARIS, 200);
    }

    DeliveryOrder place(Actor who) {
        var request = HomeDeliveryOnDynamoDbLocalTest.toParis(false, HomeDeliveryOnDynamoDbLocalTest.line(TEE, 1));
        var placed = delivery.placing().place(who, request,
                HomeDeliveryOnDynamoDbLocalTest.key(who, UUID.randomUUID().toString(), request)).order();
        backend.clock.advance(java.time.Duration.ofMinutes(1));
        return placed;
    }

    List<String> all(Actor who) {
        var ids = new ArrayList<String>();
        String cursor = null;
        do {
            var page = delivery.reading().mine(who, cursor);
            page.items().forEach(r -> ids.add(r.order().id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }

    @Test
    void aCustomerSeesHerOwnDeliveryOrdersNewestFirstWithTheirShipmentsAndNobodyElses() {
        var first = place(camille);
        var his = place(hugo);
        var second = place(camille);
        // a pickup order of hers is in the same index, and stays out of this list
        var orders = com.omnicanal.order.ClickAndCollect.of(backend.catalog, backend.ledger,
                new DynamoOrders(dynamo.client(), backend.tables), new RecordingPayments(backend.clock), OrderPolicy.DEFAULT,
                backend.clock);
        var pickup = new PlacingOrders.PlaceOrder(camille, new OrderRequest(List.of(new OrderRequest.LineRequest(TEE, 1)),
                PARIS, new Order.Contact("Camille Martin", "camille@example.com", null), "pa_test_000009"));
        orders.placing().place(pickup, Keys.order(pickup, "p-1"));

        var page = delivery.reading().mine(camille, null);
        assertThat(page.items()).extracting(r -> r.order().id()).containsExactly(second.id(), first.id());
        assertThat(page.items()).allSatisfy(r -> {
            assertThat(r.order().customerId()).isEqualTo("cust-camille");
            assertThat(r.shipments()).singleElement().satisfies(s -> {
                assertThat(s.orderId()).isEqualTo(r.order().id());
                assertThat(s.locationId()).isEqualTo(PARIS);
            });
        });
        assertThat(all(hugo)).containsExactly(his.id());
        assertThat(all(Actor.customer("cust-nobody"))).isEmpty();
    }

    @Test
    void staffAndOpsHaveNoListOfTheirOwnAndACursorOfSomeoneElsesListIsRefused() {
        place(camille);
        assertThatThrownBy(() -> delivery.reading().mine(Actor.staff("staff-lea", PARIS), null))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> delivery.reading().mine(Actor.ops("ops-amelie"), null))
                .isInstanceOf(DomainException.Forbidden.class);
        for (int i = 0; i < 21; i++) place(camille);
        var cursor = delivery.reading().mine(camille, null).nextCursor();
        assertThat(cursor).isNotNull();
        assertThatThrownBy(() -> delivery.reading().mine(hugo, cursor)).isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void pagesOfTwentyWalkEveryOrderOnceNewestFirst() {
        var placed = new ArrayList<String>();
        for (int i = 0; i < 23; i++) placed.add(0, place(camille).id());
        var first = delivery.reading().mine(camille, null);
        assertThat(first.items()).hasSizeLessThanOrEqualTo(20);
        assertThat(all(camille)).containsExactlyElementsOf(placed);
    }

    @Test
    void aMergedWalkInsDeliveryOrdersAreTheSurvivorsAndAnErasedCustomersAreGone() {
        var walkIn = Actor.customer("walkin-7");
        var atTheTill = place(walkIn);
        var hers = place(camille);
        history.reassign("walkin-7", "cust-camille");
        assertThat(all(camille)).containsExactly(hers.id(), atTheTill.id());
        assertThat(all(walkIn)).isEmpty();

        var his = place(hugo);
        history.anonymise("cust-camille", "anon-1");
        assertThat(all(camille)).isEmpty();
        assertThat(all(hugo)).containsExactly(his.id());
    }
}
