package com.omnicanal.routing.dynamo;

import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Cursors;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.order.dynamo.PaymentWrites;
import com.omnicanal.order.dynamo.PlaceLoads;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.routing.Deliveries;
import com.omnicanal.routing.DeliveryOrder;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.dynamo.RewardItems;
import com.omnicanal.routing.Shipment;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.dynamo.StockWrites;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Delivery orders, shipments, routing decisions and the places' load in the Orders table. Orders and shipments are
 * JSON documents with their index attributes beside them (a shipment is in its place's queue through the store
 * index); a place's load is counted by {@link PlaceLoads}, the one count transfers feed too.
 */
public final class DynamoDeliveries implements Deliveries {
    static final String ORDER = "DELIVERY_ORDER";
    /** The mark of an order whose first shipment was handed over ({@code HANDED_OVER#<order>}): it names nobody. */
    static final String HANDED_OVER = "ORDER_HANDED_OVER";
    static final String SHIPMENT = "SHIPMENT";
    static final String DECISION = "ROUTING_DECISION";

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final StockWrites stock;

    public DynamoDeliveries(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.stock = new StockWrites(tables);
    }

    @Override
    public Outcome apply(Change change) {
        var order = change.order();
        var actions = new ArrayList<TransactWriteItem>();
        // a routing decision more than read (null expected: a new order)
        actions.add(orderPut(order, change.expectedStatus(), order.decisions() - 1L));
        if (change.rejected() != null) {
            actions.add(shipmentPut(change.rejected(), change.rejectedWas()));
            for (var line : change.rejected().lines()) {
                actions.add(stock.release(line.sku(), change.rejected().locationId(), line.quantity()));
            }
            actions.add(PlaceLoads.monthCount(tables, change.rejected().locationId(), change.day(), PlaceLoads.REJECTED));
        }
        for (var allocation : change.allocations()) {
            var shipment = allocation.shipment();
            actions.add(shipmentPut(shipment, null));
            for (var line : shipment.lines()) {
                actions.add(stock.holdKeeping(line.sku(), shipment.locationId(), line.quantity(), allocation.safetyStock()));
            }
            actions.add(PlaceLoads.dayCount(tables, shipment.locationId(), change.day(), allocation.capacity()));
            if (change.rejected() == null || !change.rejected().locationId().equals(shipment.locationId())) {
                actions.add(PlaceLoads.monthCount(tables, shipment.locationId(), change.day(), PlaceLoads.OFFERED));
            }
        }
        var decision = change.decision();
        if (decision != null) {
            var item = new HashMap<String, AttributeValue>();
            item.put("id", s(decisionKey(decision.orderId(), decision.sequence())));
            item.put("type", s(DECISION));
            item.put("decision", JsonDocuments.write(decision));
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders()).item(item)
                    .conditionExpression("attribute_not_exists(id)").build()).build());
        }
        change.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        int reward = -1;
        if (change.redeemsReward() != null) {
            reward = actions.size();
            actions.add(RewardItems.redeemFor(tables.feedback(), change.redeemsReward(), order.customerId(), order.id(),
                    order.updatedAt()));
        } else if (change.givesBackReward() != null) {
            actions.add(RewardItems.giveBack(tables.feedback(), change.givesBackReward(), order.id()));
        }
        int notErased = -1;
        if (change.expectedStatus() == null) {
            notErased = actions.size();
            actions.add(ErasureMarks.notErased(tables.customers(), order.customerId()));
        }
        int idempotency = -1;
        if (change.idempotency() != null) {
            idempotency = actions.size();
            var claim = change.idempotency();
            actions.add(IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                    JsonDocuments.write(order)));
        }
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return new Outcome.Applied();
        if (idempotency >= 0 && outcome.failedCondition(idempotency)) {
            var claim = change.idempotency();
            return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                    .<Outcome>map(stored -> new Outcome.Replayed(JsonDocuments.read(stored, DeliveryOrder.class)))
                    .orElseGet(Outcome.KeyReused::new);
        }
        if (notErased >= 0 && outcome.failedCondition(notErased)) return new Outcome.CustomerErased();
        if (reward >= 0 && outcome.failedCondition(reward)) return new Outcome.RewardUsed();
        for (int i = 0; i < actions.size(); i++) {
            if (outcome.failedCondition(i)) return new Outcome.Contended();
        }
        throw new IllegalStateException("delivery order " + order.id() + " change refused: " + outcome.reasons());
    }

    @Override
    public boolean cancel(Cancellation cancellation) {
        var order = cancellation.order();
        var actions = new ArrayList<TransactWriteItem>();
        // no routing decision since the read: a rejection routing the lines elsewhere meanwhile fails this write
        actions.add(orderPut(order, cancellation.expectedStatus(), order.decisions()));
        // two parcels of one SKU at one place (a rejection routed there again) are released in one write of it
        var released = new java.util.LinkedHashMap<List<String>, Integer>();
        for (var cancelled : cancellation.shipments()) {
            var shipment = cancelled.next();
            // over the status read: a pick or a rejection meanwhile fails the whole write
            actions.add(shipmentPut(shipment, cancelled.was()));
            shipment.lines().forEach(l -> released.merge(List.of(l.sku(), shipment.locationId()), l.quantity(), Integer::sum));
        }
        // the units go back as a rejection gives them back
        released.forEach((at, units) -> actions.add(stock.release(at.get(0), at.get(1), units)));
        cancellation.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        if (cancellation.givesBackReward() != null) {
            actions.add(RewardItems.giveBack(tables.feedback(), cancellation.givesBackReward(), order.id()));
        }
        // nothing left, nothing captured: the order sweeper voids the authorization, as for a cancelled pickup order
        actions.add(PaymentWrites.command(tables, order.id(), "VOID", order.paymentAuthorization(),
                order.amountDueCents(), order.updatedAt()));
        return transactions.write(() -> actions).committed();
    }

    /** The order written new ({@code expected} null), or over its status, customer and routing decisions as read. */
    private TransactWriteItem orderPut(DeliveryOrder order, DeliveryOrder.Status expected, long decisionsRead) {
        var put = Put.builder().tableName(tables.orders()).item(orderItem(order));
        if (expected == null) {
            put.conditionExpression("attribute_not_exists(id)");
        } else {
            // the decisions taken so far, as read: two rejections of one order at once cannot both write it
            put.conditionExpression("#s = :expected AND customerId = :customer AND decisions = :read")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":expected", s(expected.name()),
                            ":customer", s(order.customerId()), ":read", n(decisionsRead)));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    @Override
    public boolean advance(Shipment next, Shipment.Status expected, List<OutboxMessage> messages, boolean sell,
                           String captureAuthorization) {
        return transactions.write(() -> steps(next, expected, messages, sell, captureAuthorization)).committed();
    }

    @Override
    public boolean handOver(Shipment next, List<OutboxMessage> messages, String captureAuthorization,
                            BusinessEvent.ShipmentHandedOver event) {
        var actions = steps(next, Shipment.Status.PACKED, messages, true, captureAuthorization);
        actions.add(OutboxItems.event(tables.outbox(), event));
        if (event.firstOfOrder()) {
            // the order counts once as sold: only one of its shipments writes this mark
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders())
                    .item(Map.of("id", s(handedOverKey(event.orderId())), "type", s(HANDED_OVER),
                            "shipmentId", s(next.id()), "at", s(Instants.format(event.at()))))
                    .conditionExpression("attribute_not_exists(id)").build()).build());
        }
        return transactions.write(() -> actions).committed();
    }

    @Override
    public boolean handedOverBefore(String orderId) {
        return get(handedOverKey(orderId)).isPresent();
    }

    private List<TransactWriteItem> steps(Shipment next, Shipment.Status expected, List<OutboxMessage> messages,
                                          boolean sell, String captureAuthorization) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(shipmentPut(next, expected));
        if (sell) {
            for (var line : next.lines()) actions.add(stock.sell(line.sku(), next.locationId(), line.quantity()));
        }
        if (captureAuthorization != null) {
            // the order sweeper carries it out, as it does a click-and-collect order's capture at collection
            actions.add(PaymentWrites.command(tables, next.id(), "CAPTURE", captureAuthorization, next.amountCents(),
                    next.updatedAt()));
        }
        messages.forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        return actions;
    }

    @Override
    public Optional<DeliveryOrder> find(String id) {
        return get(id).filter(i -> ORDER.equals(text(i, "type")))
                .map(i -> JsonDocuments.read(i.get("order"), DeliveryOrder.class));
    }

    @Override
    public Optional<RewardCode> reward(String code) {
        return RewardItems.find(dynamo, tables.feedback(), code);
    }

    @Override
    public Page<DeliveryOrder> byCustomer(String customerId, String cursor, int limit) {
        Map<String, AttributeValue> start;
        try {
            start = Cursors.decode(cursor, "customerId", customerId);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
        // the customer's index holds their pickup orders and shipments too: the filter keeps the delivery orders, and
        // a few more reads fill the page (each asks no more than is missing, so the cursor never skips one)
        var found = new ArrayList<DeliveryOrder>();
        for (int read = 0; read < 5 && found.size() < limit && (read == 0 || start != null); read++) {
            var response = dynamo.query(QueryRequest.builder().tableName(tables.orders())
                    .indexName(TableDefinitions.ORDERS_BY_CUSTOMER).keyConditionExpression("customerId = :p")
                    .filterExpression("#t = :type").expressionAttributeNames(Map.of("#t", "type"))
                    .expressionAttributeValues(Map.of(":p", s(customerId), ":type", s(ORDER))).scanIndexForward(false)
                    .exclusiveStartKey(start).limit(limit - found.size()).build());
            response.items().forEach(i -> found.add(JsonDocuments.read(i.get("order"), DeliveryOrder.class)));
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        }
        return new Page<>(found, start == null ? null : Cursors.encode(start));
    }

    @Override
    public Map<String, List<Shipment>> shipmentsOf(Collection<DeliveryOrder> orders) {
        var byOrder = new HashMap<String, List<Shipment>>();
        orders.forEach(o -> byOrder.put(o.id(), new ArrayList<>()));
        batch(orders.stream().flatMap(o -> o.shipmentIds().stream()).map(DynamoDeliveries::shipmentKey).toList())
                .stream().map(i -> JsonDocuments.read(i.get("shipment"), Shipment.class))
                .sorted(java.util.Comparator.comparing(Shipment::createdAt).thenComparing(Shipment::id))
                .forEach(shipment -> byOrder.computeIfAbsent(shipment.orderId(), k -> new ArrayList<>()).add(shipment));
        return byOrder;
    }

    @Override
    public List<Shipment> shipments(String orderId) {
        var order = find(orderId);
        if (order.isEmpty()) return List.of();
        return batch(order.get().shipmentIds().stream().map(DynamoDeliveries::shipmentKey).toList()).stream()
                .map(i -> JsonDocuments.read(i.get("shipment"), Shipment.class))
                .sorted(java.util.Comparator.comparing(Shipment::createdAt).thenComparing(Shipment::id)).toList();
    }

    @Override
    public Optional<Shipment> shipment(String id) {
        return get(shipmentKey(id)).filter(i -> SHIPMENT.equals(text(i, "type")))
                .map(i -> JsonDocuments.read(i.get("shipment"), Shipment.class));
    }

    @Override
    public List<Shipment> queue(String locationId, Shipment.Status status, int limit) {
        var items = dynamo.query(QueryRequest.builder().tableName(tables.orders()).indexName(TableDefinitions.ORDERS_BY_STORE)
                .keyConditionExpression("storeId = :p AND begins_with(storeStatusKey, :prefix)")
                .expressionAttributeValues(Map.of(":p", s(locationId), ":prefix", s(SHIPMENT + "#" + status.name() + "#")))
                .limit(limit).build()).items();
        return items.stream().map(i -> JsonDocuments.read(i.get("shipment"), Shipment.class)).toList();
    }

    @Override
    public List<StoredDecision> decisions(String orderId) {
        var order = find(orderId);
        if (order.isEmpty()) return List.of();
        var keys = new ArrayList<String>();
        for (int n = 1; n <= order.get().decisions(); n++) keys.add(decisionKey(orderId, n));
        return batch(keys).stream().map(i -> JsonDocuments.read(i.get("decision"), StoredDecision.class))
                .sorted(java.util.Comparator.comparingInt(StoredDecision::sequence)).toList();
    }

    @Override
    public Map<String, Load> loads(Collection<String> locations, LocalDate day) {
        var loads = new HashMap<String, Load>();
        PlaceLoads.read(locations, day, this::batch)
                .forEach((location, counts) -> loads.put(location, new Load(counts.today(), counts.rejectionRate())));
        return loads;
    }

    /** A shipment written over the one in {@code expected} status (null: a new one). */
    private TransactWriteItem shipmentPut(Shipment shipment, Shipment.Status expected) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(shipmentKey(shipment.id())));
        item.put("type", s(SHIPMENT));
        item.put("orderId", s(shipment.orderId()));
        // the customer's index: their shipments are exported, moved by a merge and scrubbed by an erasure with the order
        item.put("customerId", s(shipment.customerId()));
        item.put("createdAt", s(Instants.format(shipment.createdAt())));
        item.put("status", s(shipment.status().name()));
        // the place's queue: the store index, by status then age
        item.put("storeId", s(shipment.locationId()));
        item.put("storeStatusKey", s(SHIPMENT + "#" + shipment.status().name() + "#"
                + Instants.format(shipment.createdAt()) + "#" + shipment.id()));
        item.put("shipment", JsonDocuments.write(shipment));
        var put = Put.builder().tableName(tables.orders()).item(item);
        if (expected == null) {
            put.conditionExpression("attribute_not_exists(id)");
        } else {
            // and still its customer's as read: a step read before a merge or an erasure does not give it back
            put.conditionExpression("#s = :expected AND (attribute_not_exists(customerId) OR customerId = :customer)")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":expected", s(expected.name()), ":customer", s(shipment.customerId())));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    private Map<String, AttributeValue> orderItem(DeliveryOrder order) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(order.id()));
        item.put("type", s(ORDER));
        item.put("customerId", s(order.customerId()));
        item.put("createdAt", s(Instants.format(order.createdAt())));
        item.put("status", s(order.status().name()));
        item.put("decisions", n(order.decisions()));
        item.put("order", JsonDocuments.write(order));
        return item;
    }

    private Optional<Map<String, AttributeValue>> get(String id) {
        var item = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true).key(Map.of("id", s(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Items by id, 100 keys per BatchGetItem, unprocessed keys asked again. */
    private List<Map<String, AttributeValue>> batch(List<String> ids) {
        var found = new ArrayList<Map<String, AttributeValue>>();
        var distinct = ids.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(tables.orders(), KeysAndAttributes.builder().consistentRead(true)
                    .keys(distinct.subList(from, Math.min(distinct.size(), from + 100)).stream()
                            .map(id -> Map.of("id", s(id))).toList()).build());
            while (request != null && !request.isEmpty()) {
                var response = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build());
                found.addAll(response.responses().getOrDefault(tables.orders(), List.of()));
                request = response.hasUnprocessedKeys() && !response.unprocessedKeys().isEmpty()
                        ? response.unprocessedKeys() : null;
            }
        }
        return found;
    }

    static String shipmentKey(String id) {
        return SHIPMENT + "#" + id;
    }

    private static String handedOverKey(String orderId) {
        return "HANDED_OVER#" + orderId;
    }

    private static String decisionKey(String orderId, int sequence) {
        return "ROUTING#" + orderId + "#" + sequence;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
