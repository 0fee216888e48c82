package com.omnicanal.order;

import com.omnicanal.messaging.SmsText;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.dynamo.DynamoTransfers;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Orders over DynamoDB Local with the real adapters, a clock the test moves and recorded payments. */
final class OrderFixture {
    final TestBackend backend;
    final DynamoOrders orders;
    final RecordingPayments payments;
    final PlacingOrders placing;
    final ChoosingPickupOptions choosingOptions;
    final FollowingOrders following;
    final CancellingOrders cancelling;
    final StoreOrderQueue queue;
    final PreparingOrders preparing;
    final CollectingOrders collecting;
    final SweepingOrders sweeping;
    final MovingTransfers transfers;
    final SellingForPickup selling;
    final RefusingTransfers refusing;
    /** Routing (its rules, its places' loads), when the fixture is routed; else null. */
    final HomeDelivery delivery;
    final DynamoDeliveries deliveries;
    final String paris = "paris-rivoli";
    final String saintGermain = "paris-saint-germain";
    final String lyon = "lyon-republique";
    final Actor camille = Actor.customer("cust-camille");
    final Actor hugo = Actor.customer("cust-hugo");
    final Actor lea = Actor.staff("staff-lea", paris);
    final Actor karim = Actor.staff("staff-karim", lyon);
    final Actor sophie = Actor.staff("staff-sophie", saintGermain);
    final Actor ops = Actor.ops("ops-amelie");

    OrderFixture(DynamoDbClient dynamo) {
        this(dynamo, false);
    }

    /** {@code routed}: missing lines are sourced by the routing engine (else the web warehouse, then the most units). */
    OrderFixture(DynamoDbClient dynamo, boolean routed) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        orders = new DynamoOrders(dynamo, backend.tables);
        payments = new RecordingPayments(backend.clock);
        deliveries = new DynamoDeliveries(dynamo, backend.tables);
        delivery = routed ? backend.homeDelivery() : null;
        var sourcing = routed ? delivery.transfers() : null;
        var clickAndCollect = ClickAndCollect.of(backend.catalog, backend.ledger, orders, payments, OrderPolicy.DEFAULT,
                backend.clock, com.omnicanal.shared.BusinessMetrics.NONE, sourcing,
                new DynamoTransfers(dynamo, backend.tables));
        placing = clickAndCollect.placing();
        choosingOptions = clickAndCollect.choosingOptions();
        following = clickAndCollect.following();
        cancelling = clickAndCollect.cancelling();
        queue = clickAndCollect.queue();
        preparing = clickAndCollect.preparing();
        collecting = clickAndCollect.collecting();
        sweeping = clickAndCollect.sweeping();
        transfers = clickAndCollect.transfers();
        selling = clickAndCollect.selling();
        refusing = clickAndCollect.refusing();
    }

    /** The stock most tests start from: Paris Rivoli lacks the linen jacket, Saint-Germain and the web warehouse have it. */
    OrderFixture stocked() {
        backend.stock("TSH-COT-BLU-M", paris, 3);
        backend.stock("TSH-COT-BLU-L", paris, 2);
        backend.stock("VES-LIN-BEI-M", paris, 0);
        backend.stock("VES-LIN-BEI-M", saintGermain, 3);
        backend.stock("VES-LIN-BEI-M", StockLevel.WEB, 4);
        backend.stock("TSH-COT-BLU-M", saintGermain, 5);
        return this;
    }

    static OrderRequest request(String store, String... skuQuantity) {
        var lines = new java.util.ArrayList<OrderRequest.LineRequest>();
        for (int i = 0; i < skuQuantity.length; i += 2) {
            lines.add(new OrderRequest.LineRequest(skuQuantity[i], Integer.parseInt(skuQuantity[i + 1])));
        }
        return new OrderRequest(List.copyOf(lines), store, new Order.Contact("Camille Martin", "camille.martin@example.fr",
                "06 12 34 56 78"), "pa_3QxZ9b2eZvKYlo2C");
    }

    PlacingOrders.Outcome place(Actor customer, OrderRequest request, String key) {
        var command = new PlacingOrders.PlaceOrder(customer, request);
        return placing.place(command, Keys.order(command, key));
    }

    /** The option confirmed under a key of its own. */
    Order confirm(Actor actor, String orderId, String optionId) {
        return choosingOptions.confirmOption(actor, orderId, optionId,
                Keys.option(actor, orderId, optionId, java.util.UUID.randomUUID().toString())).order();
    }

    Order placed(String key, String... skuQuantity) {
        return place(camille, request(paris, skuQuantity), key).order();
    }

    Order ready(String key) {
        var order = placed(key, "TSH-COT-BLU-M", "1");
        preparing.accept(lea, paris, order.id());
        return preparing.ready(lea, paris, order.id());
    }

    boolean inOutbox(String id) {
        var item = backend.dynamo.getItem(r -> r.tableName("Outbox").key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item != null && !item.isEmpty();
    }

    /** The SMS the customer would get for this outbox message, in French, as the dispatcher prepares it. */
    String frenchSms(String messageId) {
        var message = new DynamoDeliveryLog(backend.dynamo, backend.tables.outbox()).find(messageId).orElseThrow().message();
        return SmsText.gsmFriendly(new MustacheTemplates().render(message.kind(), "fr", ChannelKind.SMS,
                message.templateData()).text());
    }
}
