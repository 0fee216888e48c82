package com.omnicanal.reward.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.reward.RewardCode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * A reward code's item, written in the transaction of whatever gives it (an answer, points spent): unique by its code,
 * with its owner and expiry as attributes the redemption's condition reads, and a pointer under the owner's partition
 * (the export and the erasure find it there). Codes live in the table they always did (Feedback).
 */
public final class RewardItems {
    private RewardItems() {
    }

    public static Map<String, AttributeValue> key(String code) {
        return Map.of("pk", AttributeValue.fromS("REWARD#" + code), "sk", AttributeValue.fromS("REWARD"));
    }

    /** The code, only if no code of that name exists. */
    public static TransactWriteItem put(String table, RewardCode reward) {
        var item = new HashMap<>(key(reward.code()));
        item.put("owner", AttributeValue.fromS(reward.owner()));
        item.put("expiresAt", AttributeValue.fromS(Instants.format(reward.expiresAt())));
        item.put("json", JsonDocuments.write(reward));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /** The code as stored, with when it was used. */
    public static Optional<RewardCode> find(DynamoDbClient dynamo, String table, String code) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(code)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) return Optional.empty();
        var reward = JsonDocuments.read(item.get("json"), RewardCode.class);
        var redeemed = item.get("redeemedAt");
        return Optional.of(redeemed == null ? reward : reward.redeemed(Instants.parse(redeemed.s())));
    }

    /** Marks the code used: one conditional write, only while unused, unexpired and (customer given) theirs. */
    public static boolean redeem(DynamoDbClient dynamo, String table, String code, String customerId, Instant now) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":now", AttributeValue.fromS(Instants.format(now)));
        var condition = "attribute_exists(pk) AND attribute_not_exists(redeemedAt) AND expiresAt > :now";
        if (customerId != null) {
            condition += " AND #owner = :owner";
            values.put(":owner", AttributeValue.fromS(customerId));
        }
        var request = UpdateItemRequest.builder().tableName(table).key(key(code))
                .updateExpression("SET redeemedAt = :now").conditionExpression(condition).expressionAttributeValues(values);
        if (customerId != null) request.expressionAttributeNames(Map.of("#owner", "owner"));
        try {
            dynamo.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException alreadyUsed) {
            return false;
        }
    }

    /**
     * Uses the code to pay part of an order, in the order's transaction: the same condition as a redemption (unused,
     * unexpired, the customer's), and the order it paid noted so that only that order can give it back.
     */
    public static TransactWriteItem redeemFor(String table, String code, String customerId, String orderId, Instant now) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(code))
                .updateExpression("SET redeemedAt = :now, redeemedFor = :order")
                .conditionExpression("attribute_exists(pk) AND attribute_not_exists(redeemedAt) AND expiresAt > :now"
                        + " AND #owner = :owner")
                .expressionAttributeNames(Map.of("#owner", "owner"))
                .expressionAttributeValues(Map.of(":now", AttributeValue.fromS(Instants.format(now)),
                        ":order", AttributeValue.fromS(orderId), ":owner", AttributeValue.fromS(customerId)))
                .build()).build();
    }

    /** Makes the code usable again, in the transaction that ends the order it paid unpaid: only that order's use. */
    public static TransactWriteItem giveBack(String table, String code, String orderId) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(key(code))
                .updateExpression("REMOVE redeemedAt, redeemedFor").conditionExpression("redeemedFor = :order")
                .expressionAttributeValues(Map.of(":order", AttributeValue.fromS(orderId))).build()).build();
    }

    /** What the owner was given, under their partition ({@code WHO#owner}); {@code origin} is its questionnaire or "POINTS". */
    public static TransactWriteItem pointer(String table, RewardCode reward, String origin) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("WHO#" + reward.owner()), "sk", AttributeValue.fromS("REWARD#" + reward.code()),
                "questionnaireId", AttributeValue.fromS(origin))).build()).build();
    }
}
