package com.omnicanal.messaging.dynamo;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.messaging.MarketingAllowances;
import com.omnicanal.messaging.MarketingFatigue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * One item per customer in the Customers table (sk MARKETING_FATIGUE): the id and time of each marketing message taken
 * in the last 30 days, and a version. Taking an allowance rewrites the item on condition that its version is still the
 * one the rules were checked against (and that the customer is not erased), so of concurrent dispatchers exactly as
 * many get through as the rules allow; a loser checks again against what the winner wrote. Erasure deletes the item
 * with the rest of the partition.
 */
public final class DynamoMarketingAllowances implements MarketingAllowances {
    // each loss means another message took an allowance: more losses than the rules could ever allow are a fault
    private static final int MAX_ATTEMPTS = 64;

    private final DynamoDbClient dynamo;
    private final String table;
    private final MarketingFatigue rules;

    public DynamoMarketingAllowances(DynamoDbClient dynamo, String customersTable, MarketingFatigue rules) {
        this.dynamo = dynamo;
        this.table = customersTable;
        this.rules = rules;
    }

    @Override
    public Optional<String> take(String customerId, String messageId, Instant now) {
        var key = Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey(customerId)),
                "sk", AttributeValue.fromS(CustomerKeys.marketingFatigueKey()));
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
            long version = item != null && item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0;
            var sends = item != null && item.containsKey("sends") ? item.get("sends").l() : List.<AttributeValue>of();
            var times = new ArrayList<Instant>();
            var kept = new ArrayList<AttributeValue>();
            for (var send : sends) {
                // this message took its allowance on an earlier delivery: a retry is not one more message
                if (messageId.equals(send.m().get("id").s())) return Optional.empty();
                var at = Instants.parse(send.m().get("at").s());
                times.add(at);
                if (rules.stillCounts(at, now)) kept.add(send);
            }
            var refusal = rules.refusal(times, now);
            if (refusal.isPresent()) return refusal;
            kept.add(AttributeValue.fromM(Map.of("id", AttributeValue.fromS(messageId),
                    "at", AttributeValue.fromS(Instants.format(now)))));
            var values = new HashMap<String, AttributeValue>();
            values.put(":sends", AttributeValue.fromL(kept));
            values.put(":next", AttributeValue.fromN(Long.toString(version + 1)));
            if (version > 0) values.put(":version", AttributeValue.fromN(Long.toString(version)));
            var update = Update.builder().tableName(table).key(key)
                    .updateExpression("SET sends = :sends, version = :next")
                    .conditionExpression(version > 0 ? "version = :version" : "attribute_not_exists(version)")
                    .expressionAttributeValues(values).build();
            try {
                dynamo.transactWriteItems(r -> r.transactItems(TransactWriteItem.builder().update(update).build(),
                        ErasureMarks.notErased(table, customerId)));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                    return Optional.of("customer-erased");
                }
                if (reasons.stream().map(CancellationReason::code).noneMatch(c -> "ConditionalCheckFailed".equals(c)
                        || "TransactionConflict".equals(c))) {
                    throw e;
                }
                // another dispatcher took an allowance first: check the rules again against what it wrote
            }
        }
        throw new IllegalStateException("marketing allowance of " + customerId + " still contended after "
                + MAX_ATTEMPTS + " attempts");
    }
}
