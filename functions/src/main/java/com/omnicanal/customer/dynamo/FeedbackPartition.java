package com.omnicanal.customer.dynamo;

import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** The person's feedback partition (WHO#id): visits, when they were last asked, invitations and reward codes. */
final class FeedbackPartition {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final RecordMoves moves;

    FeedbackPartition(DynamoDbClient dynamo, TableNames tables, RecordMoves moves) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.moves = moves;
    }

    List<Map<String, AttributeValue>> items(String customerId) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var page = dynamo.query(QueryRequest.builder()
                    .tableName(tables.feedback()).keyConditionExpression("pk = :pk").exclusiveStartKey(start)
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("WHO#" + customerId))).build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Moves every item to {@code to}'s partition, never under an erased {@code to}; how many moved. */
    int reassign(String from, String to) {
        int moved = 0;
        for (var item : items(from)) {
            var sk = item.get("sk").s();
            var remove = TransactWriteItem.builder().delete(Delete.builder().tableName(tables.feedback())
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))).build()).build();
            TransactWriteItem write;
            if (sk.equals("ASKED")) {
                // the fatigue cap follows the person: the survivor keeps the latest time either was asked
                write = TransactWriteItem.builder().update(Update.builder().tableName(tables.feedback())
                        .key(Map.of("pk", AttributeValue.fromS("WHO#" + to), "sk", AttributeValue.fromS("ASKED")))
                        .updateExpression("SET lastAskedAt = :t")
                        .conditionExpression("attribute_not_exists(lastAskedAt) OR lastAskedAt < :t")
                        .expressionAttributeValues(Map.of(":t", item.get("lastAskedAt"))).build()).build();
            } else {
                var copy = new HashMap<>(item);
                copy.put("pk", AttributeValue.fromS("WHO#" + to));
                write = TransactWriteItem.builder().put(Put.builder().tableName(tables.feedback()).item(copy).build()).build();
            }
            var outcome = transactions.write(() -> List.of(write, remove, ErasureMarks.notErased(tables.customers(), to)));
            if (outcome.failedCondition(2)) throw RecordMoves.erased();
            // the survivor was asked more recently: only the old one goes
            if (!outcome.committed()) moves.guarded(remove, to);
            moved++;
        }
        return moved;
    }

    /** Visits and what they were offered say where and when the person shopped: gone, like the profile. */
    void delete(String customerId) {
        for (var item : items(customerId)) {
            dynamo.deleteItem(r -> r.tableName(tables.feedback()).key(Map.of("pk", item.get("pk"), "sk", item.get("sk"))));
        }
    }
}
