package com.omnicanal.customer.dynamo;

import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.TimelineEntry;
import com.omnicanal.customer.VerifyingIdentities;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A customer's records in the other capabilities' tables, found through their byCustomer indexes: reservations,
 * orders, returns, delivery orders and their shipments in Orders (each keeps its body as JSON), appointments (their contact goes on erasure), messages in Outbox, the person's
 * partition in Feedback ({@link FeedbackPartition}), and idempotency records whose saved answers mention the customer.
 * Each record is moved or anonymised by {@link RecordMoves}.
 */
public final class DynamoCustomerHistory implements CustomerHistory {
    /** How long an erasure waits, in all, for dispatchers to finish handing the person's messages to a channel. */
    private static final Duration SENDING_WAIT = Duration.ofSeconds(10);

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final RecordMoves moves;
    private final FeedbackPartition feedback;

    public DynamoCustomerHistory(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.moves = new RecordMoves(dynamo, tables);
        this.feedback = new FeedbackPartition(dynamo, tables, moves);
    }

    @Override
    public int reassign(String from, String to) {
        int moved = 0;
        for (var table : List.of(tables.orders(), tables.appointments())) {
            for (var item : all(table, from)) {
                if (moves.rewrite(table, item, from, to, false)) moved++;
            }
        }
        for (var item : all(tables.outbox(), from)) {
            if (moves.moveMessage(item.get("id"), from, to, false, 0)) moved++;
        }
        return moved + feedback.reassign(from, to);
    }

    @Override
    public List<TimelineEntry> timeline(String customerId, Instant before, int limit) {
        var entries = new ArrayList<TimelineEntry>();
        for (var item : page(tables.orders(), customerId, before, limit)) entries.add(entry(item));
        for (var item : page(tables.outbox(), customerId, before, limit)) {
            entries.add(new TimelineEntry("message", item.get("id").s(), text(item, "status"),
                    text(item, "kind") + (item.containsKey("channel") ? " by " + text(item, "channel") : ""), null,
                    Instants.parse(item.get("createdAt").s())));
        }
        entries.sort(Comparator.comparing(TimelineEntry::at).reversed().thenComparing(TimelineEntry::id));
        return entries.size() > limit ? List.copyOf(entries.subList(0, limit)) : entries;
    }

    @Override
    public List<Map<String, Object>> export(String customerId) {
        var records = new ArrayList<Map<String, Object>>();
        for (var table : List.of(tables.orders(), tables.outbox(), tables.appointments())) {
            for (var item : all(table, customerId)) {
                var record = new LinkedHashMap<String, Object>();
                record.put("table", table);
                item.forEach((k, v) -> record.put(k, plain(v)));
                // a one-time code proves control of the address it went to, not of this account: never shown here
                if (VerifyingIdentities.VERIFICATION.equals(record.get("kind")) && record.get("templateData") instanceof Map<?, ?> data) {
                    var shown = new LinkedHashMap<Object, Object>(data);
                    shown.remove("code");
                    record.put("templateData", shown);
                }
                if ("ORDER".equals(record.get("type")) && record.get("order") instanceof String order) {
                    record.put("order", withoutStaffIds(order));
                }
                records.add(record);
            }
        }
        for (var item : feedback.items(customerId)) {
            var record = new LinkedHashMap<String, Object>();
            record.put("table", tables.feedback());
            item.forEach((k, v) -> record.put(k, plain(v)));
            records.add(record);
        }
        return records;
    }

    @Override
    public void anonymise(String customerId, String anonymousId) {
        // the erasure mark stops new writes; a second pass picks up what the byCustomer index showed late
        long waitUntil = System.nanoTime() + SENDING_WAIT.toNanos();
        for (int pass = 0; pass < 3; pass++) {
            int found = 0;
            for (var item : all(tables.orders(), customerId)) {
                moves.rewrite(tables.orders(), item, customerId, anonymousId, true);
                // its business event, if one waits in the outbox: written with a change that committed before the rewrite
                for (var key : OutboxItems.eventKeys(item.get("id").s())) {
                    dynamo.deleteItem(r -> r.tableName(tables.outbox()).key(key));
                }
                found++;
            }
            // appointments: the contact given with a booking goes, the store's agenda and figures keep the rest
            for (var item : all(tables.appointments(), customerId)) {
                moves.rewrite(tables.appointments(), item, customerId, anonymousId, true);
                found++;
            }
            // after the orders: a message a store change queued before its order was scrubbed is found here
            for (var item : all(tables.outbox(), customerId)) {
                // the message body and the addresses it was sent to are personal; the delivery facts are not
                moves.moveMessage(item.get("id"), customerId, anonymousId, true, waitUntil);
                found++;
            }
            if (found == 0 && pass > 0) break;
        }
        feedback.delete(customerId);
        // saved answers of earlier requests (keys are scoped "capability:customer:key"), and those of staff that name
        // the person (an endless-aisle order placed for them keeps its answer under the staff member's key)
        var marker = ":" + customerId + ":";
        var named = "\"" + customerId + "\"";
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.scan(ScanRequest.builder().tableName(tables.idempotency()).consistentRead(true)
                    .filterExpression("contains(id, :m) OR contains(#r, :n)").expressionAttributeNames(Map.of("#r", "response"))
                    .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(marker), ":n", AttributeValue.fromS(named)))
                    .exclusiveStartKey(start).build());
            for (var item : response.items()) dynamo.deleteItem(r -> r.tableName(tables.idempotency()).key(Map.of("id", item.get("id"))));
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * A pickup order as its customer exports it: a staff member's id is that person's data, not the customer's (GDPR
     * Art. 20(4)), so who acted shows as a role, and a sale in store names the store only.
     */
    private static String withoutStaffIds(String json) {
        try {
            var order = (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(json);
            var customerId = order.path("customerId").asText(null);
            for (var event : order.withArray("timeline")) {
                if (event instanceof com.fasterxml.jackson.databind.node.ObjectNode e) {
                    e.put("by", com.omnicanal.shared.ActingRole.of(customerId, e.path("by").asText(null)));
                }
            }
            if (order.get("soldBy") instanceof com.fasterxml.jackson.databind.node.ObjectNode soldBy) soldBy.remove("staffId");
            return Json.MAPPER.writeValueAsString(order);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part of an order paid with points, as the timeline tells it; nothing for an order paid in money only. */
    private static String pointsOff(com.fasterxml.jackson.databind.JsonNode discount) {
        if (discount.isMissingNode() || discount.isNull()) return "";
        return String.format(java.util.Locale.ROOT, ", %d points off (%.2f EUR)", discount.path("points").asLong(),
                discount.path("amountCents").asLong() / 100.0);
    }

    private static TimelineEntry entry(Map<String, AttributeValue> item) {
        var type = text(item, "type");
        var at = Instants.parse(item.get("createdAt").s());
        try {
            if ("ORDER".equals(type)) {
                var order = Json.MAPPER.readTree(item.get("order").s());
                return new TimelineEntry("order", item.get("id").s(), order.path("status").asText(),
                        order.path("lines").size() + " line(s) for pickup at " + order.path("pickupStoreName").asText()
                                + pointsOff(order.path("discount")), order.path("pickupStoreId").asText(), at);
            }
            if ("DELIVERY_ORDER".equals(type)) {
                var order = Json.MAPPER.readTree(item.get("order").s());
                return new TimelineEntry("delivery", item.get("id").s(), order.path("status").asText(),
                        order.path("lines").size() + " line(s) delivered to " + order.path("address").path("postcode").asText()
                                + " " + order.path("address").path("city").asText(), null, at);
            }
            if ("SHIPMENT".equals(type)) {
                // a parcel of a delivery order, listed by its own id as its place's queue shows it
                var shipment = Json.MAPPER.readTree(item.get("shipment").s());
                return new TimelineEntry("delivery", shipment.path("id").asText(), shipment.path("status").asText(),
                        "parcel of delivery order " + shipment.path("orderId").asText(), shipment.path("locationId").asText(), at);
            }
            if ("RETURN".equals(type)) {
                var ret = Json.MAPPER.readTree(item.get("body").s());
                return new TimelineEntry("return", item.get("id").s(), ret.path("status").asText(),
                        "return " + ret.path("code").asText(), ret.path("receivedAt").asText(null), at);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new TimelineEntry("reservation", item.get("id").s(), text(item, "status"),
                text(item, "productName") + " at " + text(item, "storeName"), text(item, "storeId"), at);
    }

    private List<Map<String, AttributeValue>> page(String table, String customerId, Instant before, int limit) {
        var request = QueryRequest.builder().tableName(table).indexName(TableDefinitions.ORDERS_BY_CUSTOMER)
                .scanIndexForward(false).limit(limit);
        if (before == null) {
            request.keyConditionExpression("customerId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)));
        } else {
            request.keyConditionExpression("customerId = :c AND createdAt < :b").expressionAttributeValues(
                    Map.of(":c", AttributeValue.fromS(customerId), ":b", AttributeValue.fromS(Instants.format(before))));
        }
        return dynamo.query(request.build()).items();
    }

    private List<Map<String, AttributeValue>> all(String table, String customerId) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.ORDERS_BY_CUSTOMER)
                    .keyConditionExpression("customerId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                    .exclusiveStartKey(start).build());
            for (var key : response.items()) {
                var keyAttrs = RecordMoves.keyOf(key);
                items.add(dynamo.getItem(r -> r.tableName(table).key(keyAttrs).consistentRead(true)).item());
            }
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    private static Object plain(AttributeValue v) {
        if (v.s() != null) return v.s();
        if (v.n() != null) return v.n();
        if (v.bool() != null) return v.bool();
        if (v.hasM()) {
            var map = new LinkedHashMap<String, Object>();
            v.m().forEach((k, x) -> map.put(k, plain(x)));
            return map;
        }
        if (v.hasL()) return v.l().stream().map(DynamoCustomerHistory::plain).toList();
        return null;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }
}
