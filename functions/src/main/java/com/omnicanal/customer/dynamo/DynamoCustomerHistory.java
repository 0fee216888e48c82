package com.omnicanal.customer.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.TimelineEntry;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A customer's records in the other capabilities' tables, found through their byCustomer indexes: reservations,
 * orders and returns in Orders (orders and returns keep their body as JSON), messages in Outbox, and idempotency
 * records whose saved answers mention the customer.
 */
public final class DynamoCustomerHistory implements CustomerHistory {
    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public DynamoCustomerHistory(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public int reassign(String from, String to) {
        int moved = 0;
        for (var item : all(tables.orders(), from)) {
            rewrite(tables.orders(), item, to, false);
            moved++;
        }
        for (var item : all(tables.outbox(), from)) {
            var copy = new HashMap<>(item);
            copy.put("customerId", AttributeValue.fromS(to));
            dynamo.putItem(r -> r.tableName(tables.outbox()).item(copy));
            moved++;
        }
        for (var item : feedback(from)) {
            var sk = item.get("sk").s();
            if (sk.equals("ASKED")) {
                // the fatigue cap follows the person: the survivor keeps the latest time either was asked
                try {
                    dynamo.updateItem(r -> r.tableName(tables.feedback())
                            .key(Map.of("pk", AttributeValue.fromS("WHO#" + to), "sk", AttributeValue.fromS("ASKED")))
                            .updateExpression("SET lastAskedAt = :t")
                            .conditionExpression("attribute_not_exists(lastAskedAt) OR lastAskedAt < :t")
                            .expressionAttributeValues(Map.of(":t", item.get("lastAskedAt"))));
                } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException later) {
                    // the survivor was asked more recently
                }
            } else {
                var copy = new HashMap<>(item);
                copy.put("pk", AttributeValue.fromS("WHO#" + to));
                dynamo.putItem(r -> r.tableName(tables.feedback()).item(copy));
            }
            dynamo.deleteItem(r -> r.tableName(tables.feedback()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
            moved++;
        }
        return moved;
    }

    /** The person's feedback partition: visits, when they were last asked, invitations and reward codes. */
    private List<Map<String, AttributeValue>> feedback(String customerId) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.query(QueryRequest.builder()
                    .tableName(tables.feedback()).keyConditionExpression("pk = :pk").exclusiveStartKey(start)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WHO#" + customerId))).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
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
        for (var table : List.of(tables.orders(), tables.outbox())) {
            for (var item : all(table, customerId)) {
                var record = new LinkedHashMap<String, Object>();
                record.put("table", table);
                item.forEach((k, v) -> record.put(k, plain(v)));
                records.add(record);
            }
        }
        for (var item : feedback(customerId)) {
            var record = new LinkedHashMap<String, Object>();
            record.put("table", tables.feedback());
            item.forEach((k, v) -> record.put(k, plain(v)));
            records.add(record);
        }
        return records;
    }

    @Override
    public void anonymise(String customerId, String anonymousId) {
        for (var item : all(tables.orders(), customerId)) rewrite(tables.orders(), item, anonymousId, true);
        for (var item : all(tables.outbox(), customerId)) {
            var copy = new HashMap<>(item);
            copy.put("customerId", AttributeValue.fromS(anonymousId));
            // the message body and the addresses it was sent to are personal; the delivery facts are not
            copy.remove("templateData");
            dynamo.putItem(r -> r.tableName(tables.outbox()).item(copy));
        }
        // visits and what they were offered say where and when the person shopped: gone, like the profile
        for (var item : feedback(customerId)) {
            dynamo.deleteItem(r -> r.tableName(tables.feedback()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
        // saved answers of earlier requests (keys are scoped "capability:customer:key")
        var marker = ":" + customerId + ":";
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.scan(ScanRequest.builder().tableName(tables.idempotency())
                    .filterExpression("contains(id, :m)").expressionAttributeValues(Map.of(":m", AttributeValue.fromS(marker)))
                    .exclusiveStartKey(start).build());
            for (var item : response.items()) dynamo.deleteItem(r -> r.tableName(tables.idempotency()).key(Map.of("id", item.get("id"))));
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /** Moves an Orders item to another customer id, inside its JSON body too; anonymising also drops the contact. */
    private void rewrite(String table, Map<String, AttributeValue> item, String to, boolean anonymise) {
        var copy = new HashMap<>(item);
        copy.put("customerId", AttributeValue.fromS(to));
        for (var field : List.of("order", "body")) {
            if (!copy.containsKey(field)) continue;
            try {
                var json = (ObjectNode) Json.MAPPER.readTree(copy.get(field).s());
                json.put("customerId", to);
                if (anonymise) json.remove("contact");
                copy.put(field, AttributeValue.fromS(Json.MAPPER.writeValueAsString(json)));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("unreadable record " + item.get("id").s(), e);
            }
        }
        dynamo.putItem(r -> r.tableName(table).item(copy));
    }

    private static TimelineEntry entry(Map<String, AttributeValue> item) {
        var type = text(item, "type");
        var at = Instants.parse(item.get("createdAt").s());
        try {
            if ("ORDER".equals(type)) {
                var order = Json.MAPPER.readTree(item.get("order").s());
                return new TimelineEntry("order", item.get("id").s(), order.path("status").asText(),
                        order.path("lines").size() + " line(s) for pickup at " + order.path("pickupStoreName").asText(),
                        order.path("pickupStoreId").asText(), at);
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
                var keyAttrs = Map.of("id", key.get("id"));
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
