package com.omnicanal.returns.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reservation.dynamo.ReservationItem;
import com.omnicanal.returns.ReturnAuthorization;
import com.omnicanal.returns.ReturnStatus;
import com.omnicanal.returns.Returns;
import com.omnicanal.stock.dynamo.StockItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Return authorizations in the Orders table, beside the purchases they return. A tally item per purchase counts the
 * units taken by its authorizations (requested, or received), so two returns at once can never exceed what was bought
 * (a conditional update, not a read); a change that gives units back takes them off the tally in its own transaction.
 * Reception writes two accounting entries, one for the receiving store and one for the selling one.
 */
public final class DynamoReturns implements Returns {
    public static final String TYPE = "RETURN";
    /** The expiry index holds an authorization only while it waits to be brought back. */
    private static final String OPEN = "RETURN_REQUESTED";

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;

    public DynamoReturns(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public Outcome apply(Change change) {
        var r = change.next();
        var actions = new ArrayList<TransactWriteItem>();
        var put = Put.builder().tableName(tables.orders()).item(item(r));
        if (change.expected() == null) {
            put.conditionExpression("attribute_not_exists(id)");
        } else {
            put.conditionExpression("#s = :expected AND customerId = :customer").expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":expected", s(change.expected().name()), ":customer", s(r.customerId())));
        }
        actions.add(TransactWriteItem.builder().put(put.build()).build());
        int tally = -1;
        if (change.bought() != null) {
            tally = actions.size();
            actions.add(tally(r, change.bought()));
        }
        if (change.givenBack() != null && !change.givenBack().isEmpty()) actions.add(giveBack(r, change.givenBack()));
        int replacementStock = -1;
        if (change.replacement() != null) {
            var reservation = change.replacement();
            replacementStock = actions.size();
            actions.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.stock())
                    .key(StockItem.key(reservation.sku(), reservation.storeId()))
                    .updateExpression("SET reserved = reserved + :q, available = available - :q")
                    .conditionExpression("available >= :q")
                    .expressionAttributeValues(Map.of(":q", n(reservation.quantity()))).build()).build());
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders())
                    .item(ReservationItem.SCHEMA.itemToMap(ReservationItem.of(reservation), true))
                    .conditionExpression("attribute_not_exists(id)").build()).build());
        }
        if (change.restockAt() != null) {
            for (var line : r.lines()) {
                if (line.resellable() > 0) actions.add(restock(line.sku(), change.restockAt(), line.resellable()));
            }
            actions.add(entry(r, true));
            actions.add(entry(r, false));
        }
        change.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        int notErased = -1;
        if (change.expected() == null) {
            notErased = actions.size();
            actions.add(ErasureMarks.notErased(tables.customers(), r.customerId()));
        }
        int idempotency = -1;
        if (change.idempotency() != null) {
            idempotency = actions.size();
            var claim = change.idempotency();
            actions.add(IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                    s(json(r))));
        }
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return new Outcome.Applied();
        if (idempotency >= 0 && outcome.failedCondition(idempotency)) {
            var claim = change.idempotency();
            return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                    .<Outcome>map(stored -> new Outcome.Replayed(fromJson(stored.s()))).orElseGet(Outcome.KeyReused::new);
        }
        if (notErased >= 0 && outcome.failedCondition(notErased)) return new Outcome.CustomerErased();
        if (outcome.failedCondition(0)) return new Outcome.Conflict();
        if (tally >= 0 && outcome.failedCondition(tally)) return new Outcome.TooMany(r.lines().get(0).sku());
        if (replacementStock >= 0 && outcome.failedCondition(replacementStock)) return new Outcome.NoReplacementStock();
        throw new IllegalStateException("return " + r.id() + " change refused: " + outcome.reasons());
    }

    /** Adds the units to the purchase's tally, only while each SKU stays within what was bought. */
    private TransactWriteItem tally(ReturnAuthorization r, Map<String, Integer> bought) {
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        var add = new ArrayList<String>();
        var conditions = new ArrayList<String>();
        int i = 0;
        for (var line : r.lines()) {
            var name = "#q" + i;
            names.put(name, "returned_" + line.sku());
            values.put(":q" + i, n(line.quantity()));
            values.put(":limit" + i, n(bought.get(line.sku()) - line.quantity()));
            add.add(name + " :q" + i);
            conditions.add("(attribute_not_exists(" + name + ") OR " + name + " <= :limit" + i + ")");
            i++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.orders()).key(tallyKey(r))
                .updateExpression("ADD " + String.join(", ", add))
                .conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    /** Takes units off the purchase's tally, never below zero. */
    private TransactWriteItem giveBack(ReturnAuthorization r, Map<String, Integer> units) {
        var names = new HashMap<String, String>();
        var values = new HashMap<String, AttributeValue>();
        var add = new ArrayList<String>();
        var conditions = new ArrayList<String>();
        int i = 0;
        for (var entry : units.entrySet()) {
            var name = "#q" + i;
            names.put(name, "returned_" + entry.getKey());
            values.put(":back" + i, n(-entry.getValue()));
            values.put(":q" + i, n(entry.getValue()));
            add.add(name + " :back" + i);
            conditions.add(name + " >= :q" + i);
            i++;
        }
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.orders()).key(tallyKey(r))
                .updateExpression("ADD " + String.join(", ", add)).conditionExpression(String.join(" AND ", conditions))
                .expressionAttributeNames(names).expressionAttributeValues(values).build()).build();
    }

    private static Map<String, AttributeValue> tallyKey(ReturnAuthorization r) {
        return Map.of("id", s("RETURNED#" + r.source().kind() + "#" + r.source().reference()));
    }

    private TransactWriteItem restock(String sku, String location, int units) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.stock()).key(StockItem.key(sku, location))
                .updateExpression("SET onHand = if_not_exists(onHand, :zero) + :q, "
                        + "available = if_not_exists(available, :zero) + :q, reserved = if_not_exists(reserved, :zero), "
                        + "sku = :sku, #loc = :loc")
                .expressionAttributeNames(Map.of("#loc", "location"))
                .expressionAttributeValues(Map.of(":q", n(units), ":zero", n(0), ":sku", s(sku), ":loc", s(location)))
                .build()).build();
    }

    private TransactWriteItem entry(ReturnAuthorization r, boolean in) {
        var direction = in ? "IN" : "OUT";
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s("RETURNACCT#" + direction + "#" + r.id()));
        item.put("type", s("RETURN_ENTRY"));
        item.put("storeId", s(in ? r.receivedAt() : r.soldAt()));
        item.put("storeStatusKey", s("RETURNACCT#" + direction + "#" + Instants.format(r.receivedOn()) + "#" + r.id()));
        item.put("returnId", s(r.id()));
        item.put("soldAt", s(r.soldAt()));
        item.put("receivedAt", s(r.receivedAt()));
        item.put("receivedOn", s(Instants.format(r.receivedOn())));
        item.put("units", n(r.lines().stream().mapToInt(l -> l.resellable() + l.damaged()).sum()));
        item.put("amountCents", n(r.refundCents()));
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.orders()).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    @Override
    public Optional<ReturnAuthorization> find(String id) {
        var item = dynamo.getItem(g -> g.tableName(tables.orders()).consistentRead(true).key(Map.of("id", s(id)))).item();
        if (item == null || !TYPE.equals(item.get("type") == null ? null : item.get("type").s())) return Optional.empty();
        return Optional.of(fromJson(item.get("body").s()));
    }

    @Override
    public List<ReturnAuthorization> expiredBy(Instant now, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(tables.orders()).indexName(TableDefinitions.ORDERS_OPEN_BY_EXPIRY)
                        .keyConditionExpression("openStatus = :open AND expiresAt <= :now")
                        .expressionAttributeValues(Map.of(":open", s(OPEN), ":now", s(Instants.format(now))))
                        .limit(limit).build())
                .items().stream().map(i -> fromJson(i.get("body").s())).toList();
    }

    @Override
    public List<Entry> entries(String storeId, boolean in, Instant from, Instant to) {
        var prefix = "RETURNACCT#" + (in ? "IN" : "OUT") + "#";
        var entries = new ArrayList<Entry>();
        Map<String, AttributeValue> start = null;
        do {
            var response = dynamo.query(QueryRequest.builder().tableName(tables.orders())
                    .indexName(TableDefinitions.ORDERS_BY_STORE)
                    .keyConditionExpression("storeId = :s AND storeStatusKey BETWEEN :from AND :to")
                    .expressionAttributeValues(Map.of(":s", s(storeId), ":from", s(prefix + Instants.format(from)),
                            ":to", s(prefix + Instants.format(to))))
                    .exclusiveStartKey(start).build());
            for (var i : response.items()) {
                entries.add(new Entry(i.get("returnId").s(), i.get("soldAt").s(), i.get("receivedAt").s(),
                        Instants.parse(i.get("receivedOn").s()), Integer.parseInt(i.get("units").n()),
                        Integer.parseInt(i.get("amountCents").n())));
            }
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return entries;
    }

    private static Map<String, AttributeValue> item(ReturnAuthorization r) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(r.id()));
        item.put("type", s(TYPE));
        item.put("customerId", s(r.customerId()));
        item.put("createdAt", s(Instants.format(r.createdAt())));
        item.put("status", s(r.status().name()));
        if (r.status() == ReturnStatus.REQUESTED && r.expiresAt() != null) {
            item.put("openStatus", s(OPEN));
            item.put("expiresAt", s(Instants.format(r.expiresAt())));
        }
        item.put("body", s(json(r)));
        return item;
    }

    private static String json(ReturnAuthorization r) {
        try {
            return Json.MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReturnAuthorization fromJson(String json) {
        try {
            return Json.MAPPER.readValue(json, ReturnAuthorization.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable return", e);
        }
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
