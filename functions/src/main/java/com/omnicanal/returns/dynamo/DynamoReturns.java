package com.omnicanal.returns.dynamo;

import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reservation.dynamo.ReservationWrites;
import com.omnicanal.returns.ReturnAuthorization;
import com.omnicanal.returns.Returns;
import com.omnicanal.stock.dynamo.StockWrites;
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

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final StockWrites stock;
    private final ReservationWrites holds;

    public DynamoReturns(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.stock = new StockWrites(tables);
        this.holds = new ReservationWrites(tables);
    }

    @Override
    public Outcome apply(Change change) {
        var r = change.next();
        var actions = new ArrayList<TransactWriteItem>();
        var put = Put.builder().tableName(tables.orders()).item(ReturnItem.of(r));
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
            // the stock hold comes first: its refusal says the replacement is not there
            replacementStock = actions.size();
            actions.addAll(holds.hold(change.replacement()));
        }
        if (change.restockAt() != null) {
            for (var line : r.lines()) {
                if (line.resellable() > 0) actions.add(stock.restock(line.sku(), change.restockAt(), line.resellable()));
            }
            actions.add(entry(r, true));
            actions.add(entry(r, false));
        }
        change.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        if (change.event() != null) actions.add(OutboxItems.event(tables.outbox(), change.event()));
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
                    JsonDocuments.write(r)));
        }
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return new Outcome.Applied();
        if (idempotency >= 0 && outcome.failedCondition(idempotency)) {
            var claim = change.idempotency();
            return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                    .<Outcome>map(stored -> new Outcome.Replayed(JsonDocuments.read(stored, ReturnAuthorization.class))).orElseGet(Outcome.KeyReused::new);
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
        return Optional.ofNullable(item).filter(ReturnItem::isReturn).map(ReturnItem::read);
    }

    @Override
    public List<ReturnAuthorization> expiredBy(Instant now, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(tables.orders()).indexName(TableDefinitions.ORDERS_OPEN_BY_EXPIRY)
                        .keyConditionExpression("openStatus = :open AND expiresAt <= :now")
                        .expressionAttributeValues(Map.of(":open", s(ReturnItem.OPEN), ":now", s(Instants.format(now))))
                        .limit(limit).build())
                .items().stream().map(ReturnItem::read).toList();
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

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
