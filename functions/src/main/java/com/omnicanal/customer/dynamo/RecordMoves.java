package com.omnicanal.customer.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.DomainException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Moves one record of another capability (an Orders item, an Outbox message) from one customer id to another: to the
 * survivor of a merge, or to an anonymous id with its personal data dropped. Each move is one conditional update
 * against the version read, never under an erased survivor.
 */
final class RecordMoves {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;

    RecordMoves(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
    }

    /** One write, committed only while {@code survivor} is not erased: a merge never writes under an erased id. */
    boolean guarded(TransactWriteItem write, String survivor) {
        var outcome = transactions.write(() -> survivor == null ? List.of(write)
                : List.of(write, ErasureMarks.notErased(tables.customers(), survivor)));
        if (outcome.failedCondition(1)) throw erased();
        return outcome.committed();
    }

    static DomainException erased() {
        return new DomainException.Forbidden("this customer was erased");
    }

    /**
     * Moves an Orders item to another customer id, inside its JSON body too; anonymising also drops the contact and what
     * locates the person in a delivery address (name, street, coordinates). One
     * conditional update of just those attributes, against the version read: a store change landing meanwhile is
     * neither lost nor undone (it is read again and moved too), and a change read before this one is refused by its
     * own check on the customer id. False if the item no longer belongs to {@code from}.
     */
    boolean rewrite(String table, Map<String, AttributeValue> first, String from, String to, boolean anonymise) {
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
            for (var field : List.of("order", "body", "shipment")) {
                if (!item.containsKey(field)) continue;
                try {
                    var json = (ObjectNode) Json.MAPPER.readTree(item.get(field).s());
                    // the customer id and every other mention of it (who placed, cancelled or returned it)
                    replaceText(json, from, to);
                    if (anonymise) {
                        json.remove("contact");
                        // a delivery address keeps its postcode, city and country: routing and the accounts need no more
                        if (json.get("address") instanceof ObjectNode address) address.remove(List.of("name", "street", "latitude", "longitude"));
                    }
                    names.put("#" + field, field);
                    values.put(":old" + field, item.get(field));
                    values.put(":new" + field, AttributeValue.fromS(Json.MAPPER.writeValueAsString(json)));
                    set.add("#" + field + " = :new" + field);
                    condition.add("#" + field + " = :old" + field);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("unreadable record " + keyOf(item), e);
                }
            }
            var key = keyOf(item);
            var update = TransactWriteItem.builder().update(Update.builder().tableName(table).key(key)
                    .updateExpression("SET " + String.join(", ", set)).conditionExpression(String.join(" AND ", condition))
                    .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
            // a merge is refused under an erased survivor; an anonymous id is never erased
            if (guarded(update, anonymise ? null : to)) return true;
            item = dynamo.getItem(r -> r.tableName(table).key(key).consistentRead(true)).item();
        }
        throw new IllegalStateException("record " + keyOf(first) + " kept changing while being moved");
    }

    /** An item's key: {@code id} in Orders and Outbox, {@code pk}/{@code sk} in Appointments. */
    static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        return item.containsKey("pk") ? Map.of("pk", item.get("pk"), "sk", item.get("sk")) : Map.of("id", item.get("id"));
    }

    /**
     * Moves a message to another customer id; anonymising also drops its contents (the body and the addresses it went
     * to), once no dispatcher holds it: a message being handed to a channel as the erasure runs is waited for (the
     * dispatcher checks the erasure mark before each send, so this wait is short), so that nothing reaches the person
     * after the erasure answers. False if the message no longer belongs to {@code from}.
     */
    boolean moveMessage(AttributeValue id, String from, String to, boolean anonymise, long waitUntil) {
        while (true) {
            boolean wait = anonymise && System.nanoTime() < waitUntil;
            var values = new HashMap<String, AttributeValue>();
            values.put(":to", AttributeValue.fromS(to));
            values.put(":from", AttributeValue.fromS(from));
            var update = Update.builder().tableName(tables.outbox()).key(Map.of("id", id))
                    .updateExpression("SET customerId = :to" + (anonymise ? " REMOVE " + OutboxItems.PERSONAL_ATTRIBUTES : ""))
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

    private static void replaceText(JsonNode node, String from, String to) {
        if (node instanceof ObjectNode object) {
            var names = new ArrayList<String>();
            object.fieldNames().forEachRemaining(names::add);
            for (var name : names) {
                var child = object.get(name);
                if (child.isTextual() && from.equals(child.asText())) object.put(name, to);
                else replaceText(child, from, to);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                var child = array.get(i);
                if (child.isTextual() && from.equals(child.asText())) array.set(i, TextNode.valueOf(to));
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
}
