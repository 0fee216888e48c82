package com.omnicanal.infrastructure.dynamo;

import com.omnicanal.infrastructure.http.Idempotency;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The Idempotency table's one record format, for both modes: the key's record ({@code id}), the fingerprint of the
 * request it first came with, the first answer, and an expiry {@link Idempotency#WINDOW} after the claim. In the
 * transactional mode the claim is written in the same transaction as its effect, so a replay finds exactly that
 * answer, and an effect without its claim (or the reverse) cannot exist.
 */
public final class IdempotencyRecords {
    /** The condition every claim is written under: the key is free, or its record expired before {@code :now}. */
    static final String FREE = "attribute_not_exists(id) OR #exp < :now";

    private IdempotencyRecords() {
    }

    /** The claim: succeeds only if the key is free or its record expired before {@code now} (the caller's clock). */
    public static TransactWriteItem claim(String table, String key, String fingerprint, Instant now, AttributeValue response) {
        var item = record(key, fingerprint, now);
        item.put("response", response);
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression(FREE)
                .expressionAttributeNames(Map.of("#exp", TableDefinitions.TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":now", epochSeconds(now)))
                .build()).build();
    }

    /** After the claim failed: the stored first answer if the request is the same, empty if the key came with another. */
    public static Optional<AttributeValue> replay(DynamoDbClient dynamo, String table, String key, String fingerprint) {
        var stored = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(key)))).item();
        if (stored == null || stored.isEmpty() || !fingerprint.equals(stored.get("fingerprint").s())) return Optional.empty();
        return Optional.of(stored.get("response"));
    }

    /**
     * Whether the key is already claimed at {@code now} (its record there and not expired): for a use case that finds,
     * before it can even try its effect, that the effect is no longer possible (the slot it asks for is taken, maybe
     * by this very request's first try), and then answers with {@link #replay}.
     */
    public static boolean claimed(DynamoDbClient dynamo, String table, String key, Instant now) {
        var stored = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(key)))).item();
        return stored != null && !stored.isEmpty()
                && Long.parseLong(stored.get(TableDefinitions.TTL_ATTRIBUTE).n()) >= now.getEpochSecond();
    }

    /** What every record holds: its key, its request's fingerprint, and when it expires. */
    static Map<String, AttributeValue> record(String key, String fingerprint, Instant claimedAt) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", AttributeValue.fromS(key));
        item.put("fingerprint", AttributeValue.fromS(fingerprint));
        item.put(TableDefinitions.TTL_ATTRIBUTE, epochSeconds(claimedAt.plus(Idempotency.WINDOW)));
        return item;
    }

    static AttributeValue epochSeconds(Instant at) {
        return AttributeValue.fromN(Long.toString(at.getEpochSecond()));
    }
}
