package com.omnicanal.reward.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.reward.RewardCode;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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

    /** What the owner was given, under their partition ({@code WHO#owner}); {@code origin} is its questionnaire or "POINTS". */
    public static TransactWriteItem pointer(String table, RewardCode reward, String origin) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("WHO#" + reward.owner()), "sk", AttributeValue.fromS("REWARD#" + reward.code()),
                "questionnaireId", AttributeValue.fromS(origin))).build()).build();
    }
}
