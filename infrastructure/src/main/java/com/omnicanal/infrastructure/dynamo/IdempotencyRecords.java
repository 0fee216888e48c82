package com.omnicanal.infrastructure.dynamo;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An Idempotency-Key claimed inside the same transaction as its effect: the first answer is stored with it, so a
 * replay finds exactly that answer, and an effect without its claim (or the reverse) cannot exist.
 */
public final class IdempotencyRecords {
    private IdempotencyRecords() {
    }

    /** The claim: succeeds only if the key is free or its record expired before {@code now} (the caller's clock). */
    public static TransactWriteItem claim(String table, String key, String fingerprint, Instant now, Instant expiresAt,
                                          AttributeValue response) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(Map.of("id", AttributeValue.fromS(key), "fingerprint", AttributeValue.fromS(fingerprint),
                        "response", response,
                        TableDefinitions.TTL_ATTRIBUTE, AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond()))))
                .conditionExpression("attribute_not_exists(id) OR #exp < :now")
                .expressionAttributeNames(Map.of("#exp", TableDefinitions.TTL_ATTRIBUTE))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                .build()).build();
    }

    /** After the claim failed: the stored first answer if the request is the same, empty if the key came with another. */
    public static Optional<AttributeValue> replay(DynamoDbClient dynamo, String table, String key, String fingerprint) {
        var stored = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(key)))).item();
        if (stored == null || stored.isEmpty() || !fingerprint.equals(stored.get("fingerprint").s())) return Optional.empty();
        return Optional.of(stored.get("response"));
    }
}
