package com.omnicanal.customer.dynamo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.CustomerService;
import com.omnicanal.customer.TimelineEntry;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.shared.DomainException;
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
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A customer's records in the other capabilities' tables, found through their byCustomer indexes: reservations,
 * orders and returns in Orders (orders and returns keep their body as JSON), messages in Outbox, and idempotency
 * records whose saved answers mention the customer.
 */
public final class DynamoCustomerHistory implements CustomerHistory {
    /** How long an erasure waits, in all, for dispatchers to finish handing the person's messages to a channel. */
    private static final java.time.Duration SENDING_WAIT = java.time.Duration.ofSeconds(10);

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;

    public DynamoCustomerHistory(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public int reassign(String from, String to) {
        int moved = 0;
        for (var item : all(tables.orders(), from)) {
            if (rewrite(tables.orders(), item, from, to, false)) moved++;
        }
        for (var item : all(tables.outbox(), from)) {
            if (moveMessage(item.get("id"), from, to, false, 0)) moved++;
        }
        for (var item : feedback(from)) {
            var sk = item.get("sk").s();
            var remove = TransactWriteItem.builder().delete(Delete.builder().tableName(tables.feedback())
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()).build();
            TransactWriteItem write;
            if (sk.equals("ASKED")) {
                // the fatigue cap follows the person: the survivor keeps the latest time either was asked
                write = TransactWriteItem.builder().update(Update.builder().tableName(tables.feedback())
                        .key(Map.of("pk", AttributeValue.fromS("WHO#" + to), "sk", AttributeValue.fromS("ASKED")))
                        .updateExpression("SET lastAskedAt = :t")
                        .conditionExpression("attribute_not_exists(lastAskedAt) OR lastAskedAt < :t")
                        .expressionAttributeValues(Map.of(":t", item.get("lastAskedAt"))).build()).build();
            } else {
                var copy = new HashMap<>(item);
                copy.put("pk", AttributeValue.fromS("WHO#" + to));
                write = TransactWriteItem.builder().put(Put.builder().tableName(tables.feedback()).item(copy).build()).build();
            }
            var outcome = transactions.write(() -> List.of(write, remove, ErasureMarks.notErased(tables.customers(), to)));
            if (outcome.failedCondition(2)) throw erased();
            // the survivor was asked more recently: only the old one goes
            if (!outcome.committed()) guarded(remove, to);
            moved++;
        }
        return moved;
    }

    /** One write, committed only while {@code survivor} is not erased: a merge never writes under an erased id. */
    private boolean guarded(TransactWriteItem write, String survivor) {
        var outcome = transactions.write(() -> survivor == null ? List.of(write)
                : List.of(write, ErasureMarks.notErased(tables.customers(), survivor)));
        if (outcome.failedCondition(1)) throw erased();
        return outcome.committed();
    }

    private static DomainException erased() {
        return new DomainException.Forbidden("this customer was erased");
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
                // a one-time code proves control of the address it went to, not of this account: never shown here
                if (CustomerService.VERIFICATION.equals(record.get("kind")) && record.get("templateData") instanceof Map<?, ?> data) {
                    var shown = new LinkedHashMap<Object, Object>(data);
                    shown.remove("code");
                    record.put("templateData", shown);
                }
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
        // the erasure mark stops new writes; a second pass picks up what the byCustomer index showed late
        long waitUntil = System.nanoTime() + SENDING_WAIT.toNanos();
        for (int pass = 0; pass < 3; pass++) {
            int found = 0;
            for (var item : all(tables.orders(), customerId)) {
                rewrite(tables.orders(), item, customerId, anonymousId, true);
                found++;
            }
            // after the orders: a message a store change queued before its order was scrubbed is found here
            for (var item : all(tables.outbox(), customerId)) {
                // the message body and the addresses it was sent to are personal; the delivery facts are not
                moveMessage(item.get("id"), customerId, anonymousId, true, waitUntil);
                found++;
            }
            if (found == 0 && pass > 0) break;
        }
        // visits and what they were offered say where and when the person shopped: gone, like the profile
        for (var item : feedback(customerId)) {
            dynamo.deleteItem(r -> r.tableName(tables.feedback()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
        // saved answers of earlier requests (keys are scoped "capability:customer:key")
        var marker = ":" + customerId + ":";
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.scan(ScanRequest.builder().tableName(tables.idempotency()).consistentRead(true)
                    .filterExpression("contains(id, :m)").expressionAttributeValues(Map.of(":m", AttributeValue.fromS(marker)))
                    .exclusiveStartKey(start).build());
            for (var item : response.items()) dynamo.deleteItem(r -> r.tableName(tables.idempotency()).key(Map.of("id", item.get("id"))));
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
    }

    /**
     * Moves an Orders item to another customer id, inside its JSON body too; anonymising also drops the contact. One
     * conditional update of just those attributes, against the version read: a store change landing meanwhile is
     * neither lost nor undone (it is read again and moved too), and a change read before this one is refused by its
     * own check on the customer id. False if the item no longer belongs to {@code from}.
     */
    private boolean rewrite(String table, Map<String, AttributeValue> first, String from, String to, boolean anonymise) {
        var item = first;
        for (int attempt = 0; attempt < 20; attempt++) {
            if (item == null || item.isEmpty() || !item.containsKey("customerId") || !from.equals(item.get("customerId").s())) {
                return false;
            }
            var names = new HashMap<String, String>();
            var values = new HashMap<String, AttributeValue>();
            var set = new ArrayList<String>();
            var condition = new ArrayList<String>();
            names.put("#c", "customerId");
            values.put(":to", AttributeValue.fromS(to));
            values.put(":from", AttributeValue.fromS(from));
            set.add("#c = :to");
            condition.add("#c = :from");
            for (var field : List.of("order", "body")) {
                if (!item.containsKey(field)) continue;
                try {
                    var json = (ObjectNode) Json.MAPPER.readTree(item.get(field).s());
                    // the customer id and every other mention of it (who placed, cancelled or returned it)
                    replaceText(json, from, to);
                    if (anonymise) json.remove("contact");
                    names.put("#" + field, field);
                    values.put(":old" + field, item.get(field));
                    values.put(":new" + field, AttributeValue.fromS(Json.MAPPER.writeValueAsString(json)));
                    set.add("#" + field + " = :new" + field);
                    condition.add("#" + field + " = :old" + field);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("unreadable record " + item.get("id").s(), e);
                }
            }
            var key = Map.of("id", item.get("id"));
            var update = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                    .updateExpression("SET " + String.join(", ", set)).conditionExpression(String.join(" AND ", condition))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
            // a merge is refused under an erased survivor; an anonymous id is never erased
            if (guarded(update, anonymise ? null : to)) return true;
            item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        }
        throw new IllegalStateException("record " + first.get("id").s() + " kept changing while being moved");
    }

    /**
     * Moves a message to another customer id; anonymising also drops its contents (the body and the addresses it went
     * to), once no dispatcher holds it: a message being handed to a channel as the erasure runs is waited for (the
     * dispatcher checks the erasure mark before each send, so this wait is short), so that nothing reaches the person
     * after the erasure answers. False if the message no longer belongs to {@code from}.
     */
    private boolean moveMessage(AttributeValue id, String from, String to, boolean anonymise, long waitUntil) {
        while (true) {
            boolean wait = anonymise && System.nanoTime() < waitUntil;
            var values = new HashMap<String, AttributeValue>();
            values.put(":to", AttributeValue.fromS(to));
            values.put(":from", AttributeValue.fromS(from));
            var update = Update.builder().tableName(tables.outbox()).key(Map.of("id", id))
                    .updateExpression("SET customerId = :to" + (anonymise ? " REMOVE templateData" : ""))
                    .conditionExpression("customerId = :from");
            if (wait) {
                values.put(":sending", AttributeValue.fromS("SENDING"));
                update.conditionExpression("customerId = :from AND #s <> :sending").expressionAttributeNames(Map.of("#s", "status"));
            }
            if (guarded(TransactWriteItem.builder().update(update.expressionAttributeValues(values).build()).build(),
                    anonymise ? null : to)) {
                return true;
            }
            var item = dynamo.getItem(r -> r.tableName(tables.outbox()).key(Map.of("id", id)).consistentRead(true)).item();
            if (item == null || !item.containsKey("customerId") || !from.equals(item.get("customerId").s())) return false;
            pause();
        }
    }

    private static void replaceText(com.fasterxml.jackson.databind.JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var child = object.get(name);
                if (child.isTextual() && from.equals(child.asText())) object.put(name, to);
                else replaceText(child, from, to);
            }
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                var child = array.get(i);
                if (child.isTextual() && from.equals(child.asText())) array.set(i, com.fasterxml.jackson.databind.node.TextNode.valueOf(to));
                else replaceText(child, from, to);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a dispatcher", e);
        }
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
