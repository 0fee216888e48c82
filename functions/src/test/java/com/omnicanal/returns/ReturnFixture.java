package com.omnicanal.returns;

import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.OrderService;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Returns over DynamoDB Local, with collected orders made through the real order service. */
final class ReturnFixture {
    static final Duration HOLD_PERIOD = Duration.ofHours(72);
    static final int MAX_QUANTITY = 8;
    final TestBackend backend;
    final ReservationService holds;
    final OrderService orders;
    final ReturnService returns;
    final Actor camille = Actor.customer("cust-camille");
    final Actor lea = Actor.staff("staff-lea", "paris-rivoli");
    final Actor karim = Actor.staff("staff-karim", "lyon-republique");
    final Actor warehouse = Actor.staff("staff-web", "WEB");
    final Actor ops = Actor.ops("ops-nadia");

    ReturnFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        var orderStore = new DynamoOrders(dynamo, backend.tables);
        orders = new OrderService(backend.catalog, backend.ledger, orderStore, new RecordingPayments(backend.clock), OrderPolicy.DEFAULT,
                backend.clock);
        // a hold period and a maximum other than the defaults, as a deployment may set HOLD_PERIOD and MAX_RESERVATION_QUANTITY
        holds = new ReservationService(backend.catalog, backend.ledger, backend.reservations, new HoldPolicy(HOLD_PERIOD, MAX_QUANTITY),
                backend.clock);
        returns = new ReturnService(backend.catalog, orderStore, holds, new DynamoReturns(dynamo, backend.tables),
                Duration.ofDays(30), backend.clock);
    }

    /** A click-and-collect order of {@code quantity} blue T-shirts (M), collected at Paris Rivoli. */
    Order collected(String key, int quantity) {
        var request = new OrderRequest(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", quantity)), "paris-rivoli",
                new Order.Contact("Camille", "camille.martin@example.fr", null), "pa_123456789");
        var order = orders.place(camille, request, key).order();
        orders.accept(lea, "paris-rivoli", order.id());
        var ready = orders.ready(lea, "paris-rivoli", order.id());
        return orders.collect(lea, "paris-rivoli", order.id(), ready.pickupCode());
    }

    static ReturnRequest ofOrder(String orderId, int quantity, String method) {
        return new ReturnRequest(orderId, null, List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", quantity)),
                "trop petit", method, null, null);
    }
}
