package com.omnicanal.reward.dynamo;

import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.RewardHolders;
import com.omnicanal.shared.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reward codes change hands in the Feedback table: found through the pointers under the owner's partition, each code
 * rewritten (its owner attribute, which the redemptions' conditions read, and its document, which their answers read)
 * by one conditional write on its owner, so running a merge or an erasure again changes nothing.
 */
public final class DynamoRewardHolders implements RewardHolders {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;

    public DynamoRewardHolders(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public List<RewardCode> codesOf(String customerId) {
        var codes = new ArrayList<RewardCode>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.query(QueryRequest.builder().tableName(tables.feedback()).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :reward)").exclusiveStartKey(start)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WHO#" + customerId),
                            ":reward", AttributeValue.fromS("REWARD#"))).build());
            for (var pointer : page.items()) {
                RewardItems.find(dynamo, tables.feedback(), pointer.get("sk").s().substring("REWARD#".length()))
                        .ifPresent(codes::add);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return codes;
    }

    @Override
    public boolean passOn(String code, String from, String to) {
        var reward = RewardItems.find(dynamo, tables.feedback(), code).orElse(null);
        if (reward == null || reward.redeemedAt() != null || !reward.owner().equals(from)) return false;
        var update = owner(reward, from, to, "attribute_not_exists(redeemedAt) AND ");
        // never under a survivor erased meanwhile: its codes would outlive its erasure
        var outcome = transactions.write(() -> List.of(update, ErasureMarks.notErased(tables.customers(), to)));
        if (outcome.failedCondition(1)) throw new DomainException.Forbidden("this customer was erased");
        return outcome.committed();
    }

    @Override
    public void disown(String code, String from, String anonymousId) {
        var table = tables.feedback();
        try {
            // unused: withdrawn, nobody (not even staff at the till) can use it, and nothing of the person is left
            dynamo.deleteItem(r -> r.tableName(table).key(RewardItems.key(code))
                    .conditionExpression("#owner = :from AND attribute_not_exists(redeemedAt)")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":from", AttributeValue.fromS(from))));
            return;
        } catch (ConditionalCheckFailedException usedOrNotTheirs) {
            // used (it paid an order, it was taken at the till): kept for the accounts, under the anonymous id
        }
        var reward = RewardItems.find(dynamo, table, code).orElse(null);
        if (reward == null || !reward.owner().equals(from)) return;
        try {
            dynamo.transactWriteItems(r -> r.transactItems(owner(reward, from, anonymousId, "")));
        } catch (TransactionCanceledException changedMeanwhile) {
            // no longer the erased person's: nothing of theirs left to drop
        }
    }

    private TransactWriteItem owner(RewardCode reward, String from, String to, String condition) {
        // the document as written (without the use, which lives in its own attribute), with its new owner
        var unused = new RewardCode(reward.code(), reward.owner(), reward.questionnaireId(), reward.percentOff(),
                reward.expiresAt(), null, reward.amountOffCents(), reward.points());
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.feedback())
                .key(RewardItems.key(reward.code()))
                .updateExpression("SET #owner = :to, #json = :json")
                .conditionExpression(condition + "#owner = :from")
                .expressionAttributeNames(Map.of("#owner", "owner", "#json", "json"))
                .expressionAttributeValues(Map.of(":to", AttributeValue.fromS(to), ":from", AttributeValue.fromS(from),
                        ":json", JsonDocuments.write(unused.ownedBy(to)))).build()).build();
    }
}
