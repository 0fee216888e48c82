package com.omnicanal.customer.dynamo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The mark an erasure leaves in the Customers table: one item keyed by a SHA-256 of the erased sign-in id (the id
 * itself is gone), written before anything is scrubbed. Every transaction that writes something under a customer id
 * (a profile, an identity, a consent, a code, an order, a reservation, a return) checks that this item is absent, so a
 * write racing the erasure either commits before the mark (and is scrubbed with the rest) or is refused.
 */
public final class ErasureMarks {
    public static final String SK = "ERASED";

    private ErasureMarks() {
    }

    public static Map<String, AttributeValue> key(String customerId) {
        return Map.of("pk", AttributeValue.fromS("ERASED#" + sha256(customerId)), "sk", AttributeValue.fromS(SK));
    }

    /** The ConditionCheck that joins a transaction writing under {@code customerId}: fails once it was erased. */
    public static TransactWriteItem notErased(String customersTable, String customerId) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(customersTable)
                .key(key(customerId)).conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    public static boolean erased(DynamoDbClient dynamo, String customersTable, String customerId) {
        var item = dynamo.getItem(r -> r.tableName(customersTable).consistentRead(true).key(key(customerId))).item();
        return item != null && !item.isEmpty();
    }

    /** A hex SHA-256: the adapter keys an item by it where the text itself (an id, an address) must not be kept. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
