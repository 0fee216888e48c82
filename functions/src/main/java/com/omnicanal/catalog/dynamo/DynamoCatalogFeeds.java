package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.CatalogFeeds;
import com.omnicanal.catalog.FeedReport;
import com.omnicanal.catalog.Product;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Feeds applied to the Catalog table. Every write of a run is one transaction that checks the run is still the latest
 * (the state's epoch): a batch is its products and its progress record; a discontinuation is the products and the
 * feed's count. A run writes each product's pending values beside its live ones; completing the run is one write of
 * the state (its epoch becomes the live one), which puts them all on sale at once. A duplicate of the same run (the
 * bucket's event delivered twice) finds the batch already written.
 */
public final class DynamoCatalogFeeds implements CatalogFeeds {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Transactions transactions;

    public DynamoCatalogFeeds(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public Optional<FeedRecord> feed(String feedId) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(FeedItems.feedKey(feedId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(FeedItems.readFeed(item));
    }

    @Override
    public long currentEpoch() {
        return DynamoCatalog.state(dynamo, table).epoch();
    }

    @Override
    public boolean begin(FeedRecord run, long previousEpoch) {
        var current = DynamoCatalog.state(dynamo, table);
        if (current.epoch() != previousEpoch) return false;
        var values = new java.util.HashMap<String, AttributeValue>();
        values.put(":epoch", n(run.epoch()));
        values.put(":previous", n(previousEpoch));
        // the run before, if it never completed, never will: what it wrote is never sold
        boolean abandons = previousEpoch != current.liveEpoch();
        if (abandons) values.put(":abandoned", AttributeValue.fromNs(List.of(Long.toString(previousEpoch))));
        var state = Update.builder().tableName(table).key(CatalogState.KEY)
                .updateExpression("SET epoch = :epoch" + (abandons ? " ADD abandoned :abandoned" : ""))
                .conditionExpression(previousEpoch == 0 ? "attribute_not_exists(epoch) OR epoch = :previous" : "epoch = :previous")
                .expressionAttributeValues(values).build();
        var feed = Put.builder().tableName(table).item(FeedItems.feed(run))
                .conditionExpression("attribute_not_exists(pk) OR (fingerprint = :fingerprint AND #status <> :complete)")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":fingerprint", s(run.fingerprint()),
                        ":complete", s(FeedReport.Status.COMPLETE.name()))).build();
        return transactions.write(() -> List.of(TransactWriteItem.builder().update(state).build(),
                TransactWriteItem.builder().put(feed).build())).committed();
    }

    @Override
    public List<FeedReport.BatchResult> batches(String feedId, long epoch) {
        var results = new ArrayList<FeedReport.BatchResult>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(from)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :run)")
                    .expressionAttributeValues(Map.of(":pk", s(FeedItems.feedPk(feedId)), ":run", s(FeedItems.runPrefix(epoch)))));
            page.items().forEach(item -> results.add(FeedItems.readBatch(item)));
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return results;
    }

    @Override
    public Map<String, Product> products(Collection<String> skus) {
        return DynamoCatalog.read(dynamo, table, skus);
    }

    @Override
    public BatchOutcome applyBatch(String feedId, long epoch, FeedReport.BatchResult result, List<Change> changes, Instant at) {
        var outcome = transactions.write(() -> {
            var actions = new ArrayList<TransactWriteItem>();
            actions.add(stillLatest(epoch));
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(FeedItems.batch(feedId, epoch, result))
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            for (var change : changes) {
                actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                        .item(ProductItem.of(change.before(), change.after(), epoch, feedId, at)).build()).build());
            }
            return actions;
        });
        if (outcome.committed()) return BatchOutcome.APPLIED;
        return outcome.failedCondition(0) ? BatchOutcome.SUPERSEDED : BatchOutcome.ALREADY_APPLIED;
    }

    @Override
    public Set<String> sellable() {
        var skus = new HashSet<String>();
        for (var listed : DynamoCatalog.listing(dynamo, table)) {
            if (listed.status() == com.omnicanal.catalog.ProductStatus.ACTIVE) skus.add(listed.sku());
        }
        return skus;
    }

    @Override
    public Optional<Integer> discontinue(String feedId, long epoch, Collection<String> skus, Instant at) {
        var sold = products(skus).values().stream().filter(Product::sellable).toList();
        var remaining = new ArrayList<>(sold);
        while (!remaining.isEmpty()) {
            var chunk = List.copyOf(remaining);
            var outcome = transactions.write(() -> {
                var actions = new ArrayList<TransactWriteItem>();
                actions.add(stillLatest(epoch));
                actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(FeedItems.feedKey(feedId))
                        .updateExpression("ADD discontinued :n").conditionExpression("epoch = :epoch")
                        .expressionAttributeValues(Map.of(":n", n(chunk.size()), ":epoch", n(epoch))).build()).build());
                for (var product : chunk) {
                    // not twice by this run (a duplicate of it may have got there first)
                    actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                            .item(ProductItem.of(product, product.discontinued(), epoch, feedId, at))
                            .conditionExpression("attribute_not_exists(pendingEpoch) OR pendingEpoch <> :epoch")
                            .expressionAttributeValues(Map.of(":epoch", n(epoch))).build()).build());
                }
                return actions;
            });
            if (outcome.committed()) return Optional.of(sold.size() - remaining.size() + chunk.size());
            if (outcome.failedCondition(0) || outcome.failedCondition(1)) return Optional.empty();
            remaining.clear();
            for (int i = 0; i < chunk.size(); i++) if (!outcome.failedCondition(i + 2)) remaining.add(chunk.get(i));
        }
        return Optional.of(0);
    }

    @Override
    public int discontinued(String feedId, long epoch) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(FeedItems.feedKey(feedId))).item();
        if (item == null || item.isEmpty() || Long.parseLong(item.get("epoch").n()) != epoch) return 0;
        return Integer.parseInt(item.get("discontinued").n());
    }

    @Override
    public boolean complete(String feedId, long epoch, FeedReport report) {
        // one write puts everything the run wrote on sale
        var state = Update.builder().tableName(table).key(CatalogState.KEY)
                .updateExpression("SET liveEpoch = :epoch").conditionExpression("epoch = :epoch")
                .expressionAttributeValues(Map.of(":epoch", n(epoch))).build();
        var feed = Update.builder().tableName(table).key(FeedItems.feedKey(feedId))
                .updateExpression("SET #status = :complete, report = :report")
                .conditionExpression("epoch = :epoch AND #status = :running")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":complete", s(FeedReport.Status.COMPLETE.name()),
                        ":running", s(FeedReport.Status.RUNNING.name()), ":report", JsonDocuments.write(report),
                        ":epoch", n(epoch))).build();
        return transactions.write(() -> List.of(TransactWriteItem.builder().update(state).build(),
                TransactWriteItem.builder().update(feed).build())).committed();
    }

    private TransactWriteItem stillLatest(long epoch) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table).key(CatalogState.KEY)
                .conditionExpression("epoch = :epoch").expressionAttributeValues(Map.of(":epoch", n(epoch))).build()).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
