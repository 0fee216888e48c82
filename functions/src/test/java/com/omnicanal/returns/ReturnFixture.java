package com.omnicanal.returns;

import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.returns.dynamo.DynamoReturns;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Returns over DynamoDB Local, with collected orders made through the real order use cases. */
final class ReturnFixture {
    static final Duration HOLD_PERIOD = Duration.ofHours(72);
    static final int MAX_QUANTITY = 8;
    final TestBackend backend;
    final ReservationService holds;
    final ClickAndCollect orders;
    final RequestingReturns requesting;
    final FollowingReturns following;
    final ReceivingReturns receiving;
    final ReturnDecisions decisions;
    final ReportingReturns reporting;
    final ExpiringReturns expiring;
    final Actor camille = Actor.customer("cust-camille");
    final Actor lea = Actor.staff("staff-lea", "paris-rivoli");
    final Actor karim = Actor.staff("staff-karim", "lyon-republique");
    final Actor warehouse = Actor.staff("staff-web", "WEB");
    final Actor ops = Actor.ops("ops-nadia");

    ReturnFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        var orderStore = new DynamoOrders(dynamo, backend.tables);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, new RecordingPayments(backend.clock),
                OrderPolicy.DEFAULT, backend.clock);
        // a hold period and a maximum other than the defaults, as a deployment may set HOLD_PERIOD and MAX_RESERVATION_QUANTITY
        holds = new ReservationService(backend.catalog, backend.ledger, backend.reservations, new HoldPolicy(HOLD_PERIOD, MAX_QUANTITY),
                backend.clock);
        var returns = CrossChannelReturns.of(backend.catalog, orderStore, holds, new DynamoReturns(dynamo, backend.tables),
                ReturnPolicy.DEFAULT, backend.clock);
        requesting = returns.requesting();
        following = returns.following();
        receiving = returns.receiving();
        decisions = returns.decisions();
        reporting = returns.reporting();
        expiring = returns.expiring();
    }

    /** The stock the tests start from at Paris Rivoli: ten blue T-shirts in M, two in L. */
    ReturnFixture stocked() {
        backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10);
        backend.stock("TSH-COT-BLU-L", "paris-rivoli", 2);
        return this;
    }

    /** A click-and-collect order of {@code quantity} blue T-shirts (M), collected at Paris Rivoli. */
    Order collected(String key, int quantity) {
        var request = new OrderRequest(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", quantity)), "paris-rivoli",
                new Order.Contact("Camille", "camille.martin@example.fr", null), "pa_123456789");
        var command = new PlacingOrders.PlaceOrder(camille, request);
        var order = orders.placing().place(command, Keys.order(command, key)).order();
        orders.preparing().accept(lea, "paris-rivoli", order.id());
        var ready = orders.preparing().ready(lea, "paris-rivoli", order.id());
        return orders.collecting().collect(lea, "paris-rivoli", order.id(), ready.pickupCode());
    }

    static ReturnRequest ofOrder(String orderId, int quantity, String method) {
        return new ReturnRequest(orderId, null, List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", quantity)),
                "trop petit", method, null, null);
    }

    RequestingReturns.Outcome request(Actor customer, ReturnRequest request, String key) {
        var command = new RequestingReturns.RequestReturn(customer, request);
        return requesting.request(command, Keys.returnOf(command, key));
    }

    static List<ReceivingReturns.Counted> counted(int resellable, int damaged) {
        var lines = new java.util.ArrayList<ReceivingReturns.Counted>();
        if (resellable > 0) lines.add(new ReceivingReturns.Counted("TSH-COT-BLU-M", resellable, "resellable"));
        if (damaged > 0) lines.add(new ReceivingReturns.Counted("TSH-COT-BLU-M", damaged, "damaged"));
        return lines;
    }

    boolean inOutbox(String id) {
        var item = backend.dynamo.getItem(r -> r.tableName("Outbox").key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item != null && !item.isEmpty();
    }
}
