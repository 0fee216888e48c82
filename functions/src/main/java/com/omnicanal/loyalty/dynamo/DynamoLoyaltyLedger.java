package com.omnicanal.loyalty.dynamo;

import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.loyalty.Account;
import com.omnicanal.loyalty.Batch;
import com.omnicanal.loyalty.Entry;
import com.omnicanal.loyalty.LoyaltyLedger;
import com.omnicanal.loyalty.Posting;
import com.omnicanal.loyalty.Programme;
import com.omnicanal.loyalty.Receipt;
import com.omnicanal.loyalty.RedeemingPoints;
import com.omnicanal.loyalty.SalesLedger;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.dynamo.RewardItems;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The loyalty ledger on DynamoDB, one partition per member ({@code MEMBER#id}): the account item (balance, pending,
 * totals, points made available per month as {@code m2026-12}, version), the append-only entries ({@code ENTRY#ulid}),
 * the batches ({@code BATCH#purchase}, with {@code dueBucket}/{@code dueAt} for the sweep's index) and the claims that
 * make a return count once; the receipts stores reported ({@code RECEIPT#id}). Each posting is one TransactWriteItems: the account's update under its conditions (never
 * below zero; the version it was computed from), entries, batches, claim, store figures ({@code STORE#id}/{@code MONTH#m}),
 * outbox messages, the reward code (in the Feedback table, where codes live) and the idempotency claim.
 */
public final class DynamoLoyaltyLedger implements LoyaltyLedger, SalesLedger {
    static final String DUE = "DUE";
    private static final Duration WARNING = Duration.ofDays(30);
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final String table;
    private final Transactions transactions;

    public DynamoLoyaltyLedger(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.table = tables.loyalty();
        this.transactions = new Transactions(dynamo);
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static String member(String customerId) {
        return "MEMBER#" + customerId;
    }

    private Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("pk", s(pk), "sk", s(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    // ---- the programme ------------------------------------------------------------------------------------------------

    @Override
    public Optional<Programme> programme() {
        return get("PROGRAMME", "CURRENT").map(i -> JsonDocuments.read(i.get("json"), Programme.class));
    }

    @Override
    public boolean saveProgramme(Programme programme, int previousVersion) {
        var current = Put.builder().tableName(table).item(Map.of("pk", s("PROGRAMME"), "sk", s("CURRENT"),
                "version", n(programme.version()), "json", JsonDocuments.write(programme)));
        if (previousVersion == 0) current.conditionExpression("attribute_not_exists(pk)");
        else current.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(previousVersion)));
        // every version kept: an earning names the version it was computed with
        var history = Put.builder().tableName(table).item(Map.of("pk", s("PROGRAMME"),
                "sk", s(String.format("V#%06d", programme.version())), "json", JsonDocuments.write(programme))).build();
        return transactions.write(() -> List.of(TransactWriteItem.builder().put(current.build()).build(),
                TransactWriteItem.builder().put(history).build())).committed();
    }

    // ---- reads ------------------------------------------------------------------------------------------------------

    @Override
    public Optional<Account> account(String customerId) {
        return get(member(customerId), "ACCOUNT").map(i -> account(customerId, i));
    }

    static Account account(String customerId, Map<String, AttributeValue> i) {
        var months = new TreeMap<YearMonth, Long>();
        i.forEach((name, value) -> {
            if (name.length() == 8 && name.charAt(0) == 'm') months.put(YearMonth.parse(name.substring(1)), Long.parseLong(value.n()));
        });
        return new Account(customerId, num(i, "available"), num(i, "pending"), num(i, "credited"), num(i, "debited"), months,
                (int) num(i, "purchases"), i.containsKey("tier") ? i.get("tier").s() : null, num(i, "version"));
    }

    private static long num(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? 0 : Long.parseLong(v.n());
    }

    @Override
    public Optional<Batch> batch(String customerId, String batchId) {
        return get(member(customerId), "BATCH#" + batchId).map(i -> JsonDocuments.read(i.get("json"), Batch.class));
    }

    @Override
    public Page<Entry> entries(String customerId, String cursor, int limit) {
        if (cursor != null && !cursor.matches("[0-9A-Z]{26}")) throw new DomainException.InvalidInput("cursor", "not a cursor of this list");
        var request = QueryRequest.builder().tableName(table).limit(limit)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :entry)")
                .expressionAttributeValues(Map.of(":pk", s(member(customerId)), ":entry", s("ENTRY#")));
        if (cursor != null) request.exclusiveStartKey(Map.of("pk", s(member(customerId)), "sk", s("ENTRY#" + cursor)));
        var response = dynamo.query(request.build());
        var items = response.items().stream().map(i -> JsonDocuments.read(i.get("json"), Entry.class)).toList();
        var last = response.lastEvaluatedKey();
        return new Page<>(items, last == null || last.isEmpty() ? null : last.get("sk").s().substring("ENTRY#".length()));
    }

    /** Every entry of the member, oldest first (the export and the merge read them all). */
    public List<Entry> allEntries(String customerId) {
        var all = new ArrayList<Entry>();
        String cursor = null;
        do {
            var page = entries(customerId, cursor, 500);
            all.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return all;
    }

    @Override
    public List<Batch> due(Instant now, int limit) {
        return dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.LOYALTY_DUE).limit(limit)
                        .keyConditionExpression("dueBucket = :due AND dueAt <= :now")
                        .expressionAttributeValues(Map.of(":due", s(DUE), ":now", s(Instants.format(now)))).build())
                .items().stream().map(i -> JsonDocuments.read(i.get("json"), Batch.class)).toList();
    }

    @Override
    public List<Batch> openBatches(String customerId) {
        return dynamo.query(QueryRequest.builder().tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :b)")
                        .expressionAttributeValues(Map.of(":pk", s(member(customerId)), ":b", s("BATCH#"))).build())
                .items().stream().map(i -> JsonDocuments.read(i.get("json"), Batch.class))
                .filter(b -> b.status() != Batch.Status.CLOSED)
                .sorted(java.util.Comparator.comparing(Batch::earnedAt)).toList();
    }

    @Override
    public Map<String, Long> figures(String storeId, YearMonth month) {
        var figures = new HashMap<String, Long>();
        get("STORE#" + storeId, "MONTH#" + month).ifPresent(i -> i.forEach((k, v) -> {
            if (v.n() != null) figures.put(k, Long.parseLong(v.n()));
        }));
        return figures;
    }

    @Override
    public Optional<RedeemingPoints.Redeemed> replay(IdempotencyClaim claim) {
        return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                .map(stored -> JsonDocuments.read(stored, RedeemingPoints.Redeemed.class));
    }

    // ---- receipts ---------------------------------------------------------------------------------------------------

    @Override
    public Optional<Receipt> receipt(String receiptId) {
        return get("RECEIPT#" + receiptId, "RECEIPT").map(i -> JsonDocuments.read(i.get("json"), Receipt.class));
    }

    @Override
    public Optional<Receipt> record(Receipt receipt) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(receiptItem(receipt))
                .conditionExpression("attribute_not_exists(pk)").build()).build());
        // the member's pointer to it: a merge or an erasure finds the receipts that name the person
        if (receipt.customerId() != null) actions.add(receiptPointer(receipt.customerId(), receipt.id()));
        if (transactions.write(() -> actions).committed()) return Optional.empty();
        return receipt(receipt.id());
    }

    private static Map<String, AttributeValue> receiptItem(Receipt receipt) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s("RECEIPT#" + receipt.id()));
        item.put("sk", s("RECEIPT"));
        item.put("storeId", s(receipt.storeId()));
        if (receipt.customerId() != null) item.put("customerId", s(receipt.customerId()));
        item.put("json", JsonDocuments.write(receipt));
        return item;
    }

    private TransactWriteItem receiptPointer(String customerId, String receiptId) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", s(member(customerId)), "sk", s("RECEIPT#" + receiptId))).build()).build();
    }

    // ---- a person's records move (merge) or lose the person (erasure) -----------------------------------------------

    private List<Map<String, AttributeValue>> partition(String customerId, String prefix) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                    .expressionAttributeValues(Map.of(":pk", s(member(customerId)), ":p", s(prefix)));
            if (start != null) request.exclusiveStartKey(start);
            var page = dynamo.query(request.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    @Override
    public List<Batch> batches(String customerId) {
        return partition(customerId, "BATCH#").stream().map(i -> JsonDocuments.read(i.get("json"), Batch.class)).toList();
    }

    @Override
    public int moveEntries(String from, String to, boolean anonymise) {
        int moved = 0;
        for (var item : partition(from, "ENTRY#")) {
            var e = JsonDocuments.read(item.get("json"), Entry.class);
            var copy = new Entry(e.id(), to, e.type(), e.pending(), e.available(), e.source(), e.channel(), e.storeId(),
                    e.batchId(), anonymise ? null : e.reason(), e.at());
            moveItem(item, to, Map.of("json", JsonDocuments.write(copy)));
            moved++;
        }
        // a return already taken back stays taken back under the survivor
        for (var item : partition(from, "CLAIM#")) moveItem(item, to, Map.of());
        return moved;
    }

    /** The item under {@code to}'s partition (with {@code changed} attributes), gone from its own, in one write. */
    private void moveItem(Map<String, AttributeValue> item, String to, Map<String, AttributeValue> changed) {
        var copy = new HashMap<>(item);
        copy.put("pk", s(member(to)));
        copy.putAll(changed);
        transactions.write(() -> List.of(TransactWriteItem.builder().put(Put.builder().tableName(table).item(copy).build()).build(),
                TransactWriteItem.builder().delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder().tableName(table)
                        .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()).build()));
    }

    @Override
    public int moveReceipts(String from, String to) {
        int moved = 0;
        for (var pointer : partition(from, "RECEIPT#")) {
            var id = pointer.get("sk").s().substring("RECEIPT#".length());
            var receipt = receipt(id).orElse(null);
            if (receipt != null) {
                var named = new Receipt(receipt.id(), receipt.storeId(), receipt.soldAt(), receipt.lines(), to, receipt.recordedAt());
                dynamo.putItem(r -> r.tableName(table).item(receiptItem(named)));
            }
            moveItem(pointer, to, Map.of());
            moved++;
        }
        return moved;
    }

    @Override
    public boolean replaceMember(Account from, Account to, List<Batch> fromBatches, Account merged, List<Batch> batches) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(TransactWriteItem.builder().delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder()
                .tableName(table).key(Map.of("pk", s(member(from.customerId())), "sk", s("ACCOUNT")))
                .conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(from.version()))).build()).build());
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(member(merged.customerId())));
        item.put("sk", s("ACCOUNT"));
        item.put("customerId", s(merged.customerId()));
        item.put("available", n(merged.available()));
        item.put("pending", n(merged.pending()));
        item.put("credited", n(merged.credited()));
        item.put("debited", n(merged.debited()));
        item.put("purchases", n(merged.purchases()));
        item.put("version", n(merged.version()));
        if (merged.tier() != null) item.put("tier", s(merged.tier()));
        merged.earnedByMonth().forEach((m, v) -> item.put("m" + m, n(v)));
        var account = Put.builder().tableName(table).item(item);
        if (to.version() == 0) account.conditionExpression("attribute_not_exists(pk)");
        else account.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(to.version())));
        actions.add(TransactWriteItem.builder().put(account.build()).build());
        for (var b : fromBatches) {
            actions.add(TransactWriteItem.builder().delete(software.amazon.awssdk.services.dynamodb.model.Delete.builder()
                    .tableName(table).key(Map.of("pk", s(member(from.customerId())), "sk", s("BATCH#" + b.id()))).build()).build());
        }
        // the accounts' versions guard the batches: a change to any of them moves its account's version too
        for (var b : batches) actions.add(batchPut(new Posting.BatchWrite(b, null)).toBuilder()
                .put(batchPut(new Posting.BatchWrite(b, null)).put().toBuilder().conditionExpression(null).build()).build());
        if (actions.size() > 100) {
            throw new IllegalStateException(from.customerId() + " and " + to.customerId() + " hold too many batches to merge in one write");
        }
        return transactions.write(() -> actions).committed();
    }

    // ---- the one write ----    // ---- the one write ----------------------------------------------------------------------------------------------

    @Override
    public Posting.Outcome post(Posting p) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(accountUpdate(p.customerId(), p.change()));
        var claims = new ArrayList<Integer>();
        for (var w : p.batches()) {
            if (w.expectedVersion() == null) claims.add(actions.size());
            actions.add(batchPut(w));
        }
        for (var e : p.entries()) {
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                    "pk", s(member(e.customerId())), "sk", s("ENTRY#" + e.id()), "json", JsonDocuments.write(e))).build()).build());
        }
        if (p.claim() != null) {
            claims.add(actions.size());
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                    "pk", s(member(p.customerId())), "sk", s("CLAIM#" + p.claim()))).conditionExpression("attribute_not_exists(pk)")
                    .build()).build());
        }
        for (var f : p.figures()) {
            actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Map.of("pk", s("STORE#" + f.storeId()), "sk", s("MONTH#" + f.month())))
                    .updateExpression("SET storeId = :store ADD #f :n").expressionAttributeNames(Map.of("#f", f.figure()))
                    .expressionAttributeValues(Map.of(":store", s(f.storeId()), ":n", n(f.points()))).build()).build());
        }
        p.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        p.events().forEach(e -> actions.add(OutboxItems.event(tables.outbox(), e)));
        if (p.reward() != null) {
            var r = p.reward();
            var code = new RewardCode(r.code(), r.owner(), null, 0, r.expiresAt(), null, r.amountOffCents(), r.points());
            claims.add(actions.size());
            actions.add(RewardItems.put(tables.feedback(), code));
            actions.add(RewardItems.pointer(tables.feedback(), code, "POINTS"));
        }
        if (p.idempotency() != null) {
            claims.add(actions.size());
            var c = p.idempotency();
            var r = p.reward();
            actions.add(IdempotencyRecords.claim(tables.idempotency(), c.key(), c.fingerprint(), c.claimedAt(),
                    JsonDocuments.write(new RedeemingPoints.Redeemed(r.code(), r.points(), r.amountOffCents(), r.expiresAt()))));
        }
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return Posting.Outcome.WRITTEN;
        for (int claim : claims) if (outcome.failedCondition(claim)) return Posting.Outcome.ALREADY_DONE;
        if (outcome.failedCondition(0)) {
            // a debit that was not computed from a read can only fail on the balance
            return p.change().expectVersion() == null ? Posting.Outcome.INSUFFICIENT : Posting.Outcome.STALE;
        }
        for (int i = 1; i < actions.size(); i++) if (outcome.failedCondition(i)) return Posting.Outcome.STALE;
        throw new IllegalStateException("loyalty posting for " + p.customerId() + " refused: " + outcome.reasons());
    }

    private TransactWriteItem accountUpdate(String customerId, Posting.Change c) {
        var values = new HashMap<String, AttributeValue>();
        var names = new HashMap<String, String>();
        var conditions = new ArrayList<String>();
        values.put(":cid", s(customerId));
        values.put(":a", n(c.available()));
        values.put(":p", n(c.pending()));
        values.put(":c", n(c.credited()));
        values.put(":d", n(c.debited()));
        values.put(":n", n(c.purchases()));
        values.put(":one", n(1));
        var set = new StringBuilder("SET customerId = :cid");
        var add = new StringBuilder(" ADD available :a, pending :p, credited :c, debited :d, purchases :n, version :one");
        if (c.tier() != null) {
            set.append(", tier = :tier");
            values.put(":tier", s(c.tier()));
        }
        if (c.month() != null && c.earned() != 0) {
            add.append(", #m :earned");
            names.put("#m", "m" + c.month());
            values.put(":earned", n(c.earned()));
        }
        if (c.expectVersion() != null) {
            if (c.expectVersion() == 0) {
                conditions.add("attribute_not_exists(version)");
            } else {
                conditions.add("version = :v");
                values.put(":v", n(c.expectVersion()));
            }
        }
        // never below zero: a debit only while the balance covers it, decided by DynamoDB, not by what was read
        if (c.available() < 0) {
            conditions.add("available >= :needA");
            values.put(":needA", n(-c.available()));
        }
        if (c.pending() < 0) {
            conditions.add("pending >= :needP");
            values.put(":needP", n(-c.pending()));
        }
        var update = Update.builder().tableName(table).key(Map.of("pk", s(member(customerId)), "sk", s("ACCOUNT")))
                .updateExpression(set.toString() + add).expressionAttributeValues(values);
        if (!names.isEmpty()) update.expressionAttributeNames(names);
        if (!conditions.isEmpty()) update.conditionExpression(String.join(" AND ", conditions));
        return TransactWriteItem.builder().update(update.build()).build();
    }

    private TransactWriteItem batchPut(Posting.BatchWrite w) {
        var b = w.batch();
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", s(member(b.customerId())));
        item.put("sk", s("BATCH#" + b.id()));
        item.put("customerId", s(b.customerId()));
        item.put("status", s(b.status().name()));
        item.put("version", n(b.version()));
        item.put("json", JsonDocuments.write(b));
        var due = b.dueAt(WARNING);
        if (due != null) {
            item.put("dueBucket", s(DUE));
            item.put("dueAt", s(Instants.format(due)));
        }
        var put = Put.builder().tableName(table).item(item);
        if (w.expectedVersion() == null) put.conditionExpression("attribute_not_exists(pk)");
        else put.conditionExpression("version = :v").expressionAttributeValues(Map.of(":v", n(w.expectedVersion())));
        return TransactWriteItem.builder().put(put.build()).build();
    }
}
