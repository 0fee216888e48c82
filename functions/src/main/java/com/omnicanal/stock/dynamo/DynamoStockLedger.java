package com.omnicanal.stock.dynamo;

import com.omnicanal.stock.FeedResult;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The stock ledger on DynamoDB: an item per SKU and location, counts as conditional updates. */
public final class DynamoStockLedger implements StockLedger {
    private static final AttributeValue ZERO = AttributeValue.fromN("0");
    /** A feed's claim older than this belongs to an invocation Lambda has ended (15 minutes at most): it writes no more. */
    static final java.time.Duration ABANDONED_AFTER = java.time.Duration.ofMinutes(15);
    /** The attribute, on the store's feed item, of each feed being applied: when it began. */
    private static final String RUNNING = "running#";
    /** Lines written at once: each is its own item, and a 1,000-line feed must stay well inside API Gateway's 30 s. */
    public static final int PARALLEL_LINES = 16;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final int parallelLines;

    public DynamoStockLedger(DynamoDbClient dynamo, String tableName) {
        this(dynamo, tableName, PARALLEL_LINES);
    }

    /** With {@code parallelLines} lines written at once (the bench compares 1 with the default). */
    public DynamoStockLedger(DynamoDbClient dynamo, String tableName, int parallelLines) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.parallelLines = parallelLines;
    }

    @Override
    public List<StockLevel> levels(String sku) {
        return dynamo.queryPaginator(r -> r.tableName(tableName).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(StockItem.pk(sku)))))
                .items().stream().map(StockItem::read).toList();
    }

    @Override
    public Map<String, List<StockLevel>> levels(Collection<String> skus) {
        var bySku = new LinkedHashMap<String, List<StockLevel>>();
        for (var sku : skus) {
            var levels = levels(sku);
            if (!levels.isEmpty()) bySku.put(sku, levels);
        }
        return bySku;
    }

    /** One BatchGetItem per 100 (SKU, location) keys, instead of a query per SKU. */
    @Override
    public List<StockLevel> levels(Collection<String> skus, Collection<String> locations) {
        var keys = new java.util.ArrayList<Map<String, AttributeValue>>();
        for (var sku : skus) for (var location : locations) keys.add(StockItem.key(sku, location));
        var levels = new java.util.ArrayList<StockLevel>();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = Map.of(tableName,
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder()
                            .keys(keys.subList(i, Math.min(keys.size(), i + 100))).build());
            while (!request.isEmpty()) {
                var pending = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(tableName, List.of()).forEach(item -> levels.add(StockItem.read(item)));
                request = response.unprocessedKeys();
            }
        }
        return levels;
    }

    @Override
    public long lastAppliedFeed(String storeId) {
        return number(dynamo.getItem(GetItemRequest.builder().tableName(tableName).consistentRead(true)
                .key(feedKey(storeId)).build()).item(), "feedSeq");
    }

    @Override
    public FeedClaim claimFeed(String storeId, long feedSequence, java.time.Instant now) {
        var seq = AttributeValue.fromN(Long.toString(feedSequence));
        Map<String, AttributeValue> before;
        try {
            before = dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName).key(feedKey(storeId))
                    .updateExpression("SET claimed = :seq, #run = :now")
                    .conditionExpression("(attribute_not_exists(feedSeq) OR feedSeq < :seq) "
                            + "AND (attribute_not_exists(claimed) OR claimed <= :seq)")
                    .expressionAttributeNames(Map.of("#run", RUNNING + feedSequence))
                    .expressionAttributeValues(Map.of(":seq", seq, ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli()))))
                    .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .build()).attributes();
        } catch (ConditionalCheckFailedException stale) {
            var old = stale.item();
            return FeedClaim.refused(Math.max(number(old, "feedSeq"), number(old, "claimed")));
        }
        boolean olderInFlight = false;
        var abandoned = new java.util.ArrayList<String>();
        long cutoff = now.minus(ABANDONED_AFTER).toEpochMilli();
        for (var attribute : before == null ? Map.<String, AttributeValue>of().entrySet() : before.entrySet()) {
            if (!attribute.getKey().startsWith(RUNNING) || attribute.getKey().equals(RUNNING + feedSequence)) continue;
            if (Long.parseLong(attribute.getValue().n()) > cutoff) olderInFlight = true;
            else abandoned.add(attribute.getKey());
        }
        if (!abandoned.isEmpty()) forget(storeId, abandoned);
        return new FeedClaim(true, number(before, "feedSeq"), olderInFlight);
    }

    /** BatchGetItem by 100 keys, consistently: a count written just before must be seen, or a changed line is skipped. */
    @Override
    public Map<String, Integer> onHandAt(String storeId, Collection<String> skus) {
        var counts = new java.util.HashMap<String, Integer>();
        var keys = skus.stream().map(sku -> StockItem.key(sku, storeId)).toList();
        for (int i = 0; i < keys.size(); i += 100) {
            Map<String, software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes> request = Map.of(tableName,
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().consistentRead(true)
                            .projectionExpression("sku, onHand").keys(keys.subList(i, Math.min(keys.size(), i + 100))).build());
            while (!request.isEmpty()) {
                var pending = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(tableName, List.of()).stream().filter(item -> item.containsKey("onHand"))
                        .forEach(item -> counts.put(item.get("sku").s(), Integer.parseInt(item.get("onHand").n())));
                request = response.unprocessedKeys();
            }
        }
        return counts;
    }

    /** The lines are independent items: written {@link #PARALLEL_LINES} at a time (one client, its connection pool shared). */
    @Override
    public List<CountOutcome> applyCounts(String storeId, long feedSequence, List<com.omnicanal.stock.StockFeed.Line> lines) {
        if (lines.size() <= 1 || parallelLines <= 1) return StockLedger.super.applyCounts(storeId, feedSequence, lines);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(parallelLines, lines.size()));
        try {
            var pending = lines.stream().map(l -> pool.submit(() -> applyCount(storeId, feedSequence, l.sku(), l.onHand())))
                    .toList();
            var outcomes = new java.util.ArrayList<CountOutcome>();
            for (var line : pending) outcomes.add(line.get());
            return outcomes;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while applying a feed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public CountOutcome applyCount(String storeId, long feedSequence, String sku, int onHand) {
        var values = Map.of(":n", AttributeValue.fromN(Integer.toString(onHand)),
                ":seq", AttributeValue.fromN(Long.toString(feedSequence)), ":zero", ZERO,
                ":sku", AttributeValue.fromS(sku), ":loc", AttributeValue.fromS(storeId));
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                // the count covers the held units: available is what is left once they are set aside
                dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName).key(StockItem.key(sku, storeId))
                        .updateExpression("SET onHand = :n, reserved = if_not_exists(reserved, :zero), "
                                + "available = :n - if_not_exists(reserved, :zero), feedSeq = :seq, sku = :sku, #loc = :loc")
                        .conditionExpression("(attribute_not_exists(feedSeq) OR feedSeq < :seq) "
                                + "AND (attribute_not_exists(reserved) OR reserved <= :n)")
                        .expressionAttributeNames(Map.of("#loc", "location"))
                        .expressionAttributeValues(values)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build());
                return new CountOutcome(true, Optional.empty());
            } catch (ConditionalCheckFailedException e) {
                var old = e.item();
                if (old != null && old.containsKey("feedSeq") && Long.parseLong(old.get("feedSeq").n()) >= feedSequence) {
                    return CountOutcome.SUPERSEDED;
                }
            }
            try {
                // counted fewer than held: keep the holds, report the gap
                var after = dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName)
                        .key(StockItem.key(sku, storeId))
                        .updateExpression("SET onHand = reserved, available = :zero, feedSeq = :seq")
                        .conditionExpression("(attribute_not_exists(feedSeq) OR feedSeq < :seq) AND reserved > :n")
                        .expressionAttributeValues(Map.of(":n", values.get(":n"), ":seq", values.get(":seq"),
                                ":zero", ZERO))
                        .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_NEW)
                        .build()).attributes();
                int reserved = Integer.parseInt(after.get("reserved").n());
                return new CountOutcome(true, Optional.of(new FeedResult.Shortfall(sku, onHand, reserved)));
            } catch (ConditionalCheckFailedException raced) {
                // a reservation or a newer feed changed the item between the two writes: decide again
            }
        }
        throw new IllegalStateException("stock of " + sku + " at " + storeId + " kept changing during the feed");
    }

    @Override
    public void recordFeed(String storeId, long feedSequence) {
        var run = Map.of("#run", RUNNING + feedSequence);
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName).key(feedKey(storeId))
                    .updateExpression("SET feedSeq = :seq REMOVE #run")
                    .conditionExpression("attribute_not_exists(feedSeq) OR feedSeq < :seq")
                    .expressionAttributeNames(run)
                    .expressionAttributeValues(Map.of(":seq", AttributeValue.fromN(Long.toString(feedSequence))))
                    .build());
        } catch (ConditionalCheckFailedException newerAlreadyRecorded) {
            // a newer feed finished first: its sequence stays, this feed's claim ends
            forget(storeId, List.of(RUNNING + feedSequence));
        }
    }

    /** Ends feeds' claims: finished, or abandoned by an invocation that ended. */
    private void forget(String storeId, List<String> runs) {
        var names = new java.util.HashMap<String, String>();
        for (int i = 0; i < runs.size(); i++) names.put("#r" + i, runs.get(i));
        dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName).key(feedKey(storeId))
                .updateExpression("REMOVE " + String.join(", ", names.keySet()))
                .expressionAttributeNames(names).build());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item == null || !item.containsKey(name) ? -1 : Long.parseLong(item.get(name).n());
    }

    private static Map<String, AttributeValue> feedKey(String storeId) {
        return Map.of("pk", AttributeValue.fromS(StockItem.feedPk(storeId)), "sk", AttributeValue.fromS("FEED"));
    }
}
