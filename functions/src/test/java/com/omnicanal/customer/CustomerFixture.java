package com.omnicanal.customer;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.RecordingChannel;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Customers over DynamoDB Local, with click-and-collect orders wired as production wires them, a dispatcher whose SMS
 * and email channels record what they are handed, and the one-time codes read back from the outbox as the person who
 * holds the address would receive them.
 */
final class CustomerFixture {
    final TestBackend backend;
    final DynamoCustomers customers;
    final DynamoOrders orderStore;
    final SigningIn signingIn;
    final UpdatingProfile updatingProfile;
    final VerifyingIdentities verifyingIdentities;
    final DecidingConsents decidingConsents;
    final ReadingTimeline readingTimeline;
    final ExportingData exportingData;
    final ErasingCustomers erasingCustomers;
    final LookingUpCustomers lookingUpCustomers;
    final RegisteringWalkIns registeringWalkIns;
    final MergingProfiles mergingProfiles;
    final ClickAndCollect orders;
    final DynamoDeliveryLog log;
    final RecordingChannel sms = new RecordingChannel(ChannelKind.SMS);
    final RecordingChannel email = new RecordingChannel(ChannelKind.EMAIL);
    final Dispatcher dispatcher;

    CustomerFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        customers = new DynamoCustomers(dynamo, backend.tables.customers(), backend.tables.outbox());
        var journeys = CustomerJourneys.of(backend.catalog, customers, new DynamoCustomerHistory(dynamo, backend.tables),
                backend.clock);
        signingIn = journeys.signingIn();
        updatingProfile = journeys.updatingProfile();
        verifyingIdentities = journeys.verifyingIdentities();
        decidingConsents = journeys.decidingConsents();
        readingTimeline = journeys.readingTimeline();
        exportingData = journeys.exportingData();
        erasingCustomers = journeys.erasingCustomers();
        lookingUpCustomers = journeys.lookingUpCustomers();
        registeringWalkIns = journeys.registeringWalkIns();
        mergingProfiles = journeys.mergingProfiles();
        orderStore = new DynamoOrders(dynamo, backend.tables);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, new RecordingPayments(backend.clock),
                OrderPolicy.DEFAULT, backend.clock);
        log = new DynamoDeliveryLog(dynamo, backend.tables.outbox());
        dispatcher = new Dispatcher(log, new DynamoContactBook(dynamo, backend.tables.customers()), new MustacheTemplates(),
                List.of(sms, email), new Dispatcher.Policy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(2), 3,
                Duration.ofMinutes(1)), backend.clock, d -> { });
    }

    /** The profile item as stored. */
    Map<String, AttributeValue> rawProfile(String customerId) {
        return backend.dynamo.getItem(r -> r.tableName(backend.tables.customers()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customerId), "sk", AttributeValue.fromS("PROFILE")))).item();
    }

    /** The last code sent to this customer for this address. */
    String lastCode(String customerId, Identity.Kind kind, String typed) {
        var value = IdentityValues.normalize(kind, typed);
        var items = backend.dynamo.query(QueryRequest.builder().tableName("Outbox").indexName("byCustomer")
                .keyConditionExpression("customerId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .scanIndexForward(false).build()).items();
        return items.stream().filter(i -> i.get("kind").s().equals(VerifyingIdentities.VERIFICATION))
                .filter(i -> sentTo(OutboxItems.message(i).delivery().contact(), kind, value))
                .max(java.util.Comparator.comparing(i -> i.get("createdAt").s()))
                .orElseThrow().get("templateData").m().get("code").s();
    }

    private static boolean sentTo(Delivery.Contact contact, Identity.Kind kind, String value) {
        return contact != null && value.equals(kind == Identity.Kind.EMAIL ? contact.email() : contact.phone());
    }

    /** Adds the address and enters the code it received. */
    void verified(Actor actor, String kind, String value) {
        verifyingIdentities.add(actor, kind, value);
        verifyingIdentities.verify(actor, kind, value, lastCode(actor.id(), Identity.Kind.valueOf(kind.toUpperCase()), value));
    }

    /** A click-and-collect order of one T-shirt at Paris Rivoli, with the contact the customer typed. */
    Order order(Actor who, String key, String name, String mail, String phone) {
        var command = new PlacingOrders.PlaceOrder(who, new OrderRequest(List.of(new OrderRequest.LineRequest(
                "TSH-COT-BLU-M", 1)), "paris-rivoli", new Order.Contact(name, mail, phone), "pa_auth_" + key));
        return orders.placing().place(command, Keys.order(command, key)).order();
    }

    /** Hands every message of the outbox to the dispatcher, as the stream does; sent or failed ones are skipped. */
    void dispatchAll() {
        for (var item : backend.dynamo.scanPaginator(r -> r.tableName(backend.tables.outbox()).consistentRead(true)).items()) {
            // as OutboxDispatcher on the stream: business events (no kind) are not messages
            if (!item.containsKey("kind")) continue;
            dispatcher.dispatch(item.get("id").s());
        }
    }

    /** Every item of every table, as text, to look for what is left of a person. */
    List<String> everything() {
        var all = new ArrayList<String>();
        for (var table : TableDefinitions.all(backend.tables)) {
            for (var item : backend.dynamo.scanPaginator(r -> r.tableName(table.tableName()).consistentRead(true)).items()) {
                all.add(table.tableName() + " " + item);
            }
        }
        return all;
    }
}
