package com.omnicanal.feedback.dynamo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.infrastructure.http.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The Feedback table as its parts read it: consistent gets, whole partitions, items kept as JSON, attribute values. */
final class FeedbackTable {
    final DynamoDbClient dynamo;
    final String name;
    /** The Outbox table, whose messages join the feedback writes that cause them. */
    final String outbox;
    final Transactions transactions;

    FeedbackTable(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.name = tables.feedback();
        this.outbox = tables.outbox();
        this.transactions = new Transactions(dynamo);
    }

    Optional<Map<String, AttributeValue>> get(String pk, String sk) {
        var item = dynamo.getItem(r -> r.tableName(name).consistentRead(true).key(Map.of("pk", s(pk), "sk", s(sk)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Every item of the partition, or those whose sort key starts with {@code skPrefix}. */
    List<Map<String, AttributeValue>> query(String pk, String skPrefix) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(name).consistentRead(true).exclusiveStartKey(start);
            if (skPrefix == null) {
                request.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
            } else {
                request.keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(skPrefix)));
            }
            var page = dynamo.query(request.build());
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static String json(Object value) {
        return Json.write(value);
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable feedback item", e);
        }
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
