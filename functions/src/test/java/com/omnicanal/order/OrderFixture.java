package com.omnicanal.order;

import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Orders over DynamoDB Local with the real adapters, a clock the test moves and recorded payments. */
final class OrderFixture {
    final TestBackend backend;
    final DynamoOrders orders;
    final RecordingPayments payments;
    final OrderService service;
    final String paris = "paris-rivoli";
    final String saintGermain = "paris-saint-germain";
    final String lyon = "lyon-republique";
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor lea = Actor.staff("staff-lea", paris);
    final Actor karim = Actor.staff("staff-karim", lyon);

    OrderFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        orders = new DynamoOrders(dynamo, backend.tables);
        payments = new RecordingPayments(backend.clock);
        service = new OrderService(backend.catalog, backend.ledger, orders, payments, OrderPolicy.DEFAULT, backend.clock);
    }

    static OrderRequest request(String store, String... skuQuantity) {
        var lines = new java.util.ArrayList<OrderRequest.LineRequest>();
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.add(new OrderRequest.LineRequest(skuQuantity[i], Integer.parseInt(skuQuantity[i + 1])));
        }
        return new OrderRequest(List.copyOf(lines), store, new Order.Contact("Camille Martin", "camille.martin@example.fr",
                "06 12 34 56 78"), "pa_3QxZ9b2eZvKYlo2C");
    }

    Order placed(String key, String... skuQuantity) {
        return service.place(camille, request(paris, skuQuantity), key).order();
    }

    Order ready(String key) {
        var order = placed(key, "TSH-COT-BLU-M", "1");
        service.accept(lea, paris, order.id());
        return service.ready(lea, paris, order.id());
    }
}
