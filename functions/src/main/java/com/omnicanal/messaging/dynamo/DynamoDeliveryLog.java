package com.omnicanal.messaging.dynamo;

import com.omnicanal.infrastructure.dynamo.Cursors;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.messaging.Attempt;
import com.omnicanal.messaging.DeliveryLog;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/** The outbox table as the dispatcher's delivery log: conditional status moves, attempts appended in place. */
public final class DynamoDeliveryLog implements DeliveryLog {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoDeliveryLog(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<MessageRecord> find(String messageId) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key(messageId))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(OutboxRecords.toRecord(item));
    }

    @Override
    public boolean claim(String messageId, Instant now, Duration lease) {
        return update(messageId, "SET #s = :sending, leaseUntil = :lease, updatedAt = :now",
                "#s IN (:pending, :retry, :deferred)",
                Map.of(":sending", s("SENDING"), ":lease", s(Instants.format(now.plus(lease))), ":now", s(Instants.format(now)),
                        ":pending", s("PENDING"), ":retry", s("RETRY"), ":deferred", s("DEFERRED")));
    }

    @Override
    public void recordAttempt(String messageId, Attempt attempt) {
        var entry = new HashMap<String, AttributeValue>();
        entry.put("channel", s(attempt.channel().name()));
        entry.put("status", s(attempt.status()));
        entry.put("at", s(Instants.format(attempt.at())));
        if (attempt.providerId() != null) entry.put("providerId", s(attempt.providerId()));
        if (attempt.errorCode() != null) entry.put("errorCode", s(attempt.errorCode()));
        if (attempt.segments() != null) entry.put("segments", AttributeValue.fromN(attempt.segments().toString()));
        update(messageId, "SET attempts = list_append(if_not_exists(attempts, :empty), :one)", "attribute_exists(id)",
                Map.of(":empty", AttributeValue.fromL(List.of()), ":one", AttributeValue.fromL(List.of(AttributeValue.fromM(entry)))));
    }

    @Override
    public void markSent(String messageId, ChannelKind channel, String providerId, Instant now) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":sent", s("SENT"));
        values.put(":channel", s(channel.name()));
        values.put(":provider", s(providerId));
        values.put(":delivery", s(DeliveryStatus.SENT.name()));
        values.put(":rank", AttributeValue.fromN(Integer.toString(DeliveryStatus.SENT.rank())));
        values.put(":now", s(Instants.format(now)));
        update(messageId, "SET #s = :sent, channel = :channel, providerId = :provider, delivery = :delivery, "
                + "deliveryRank = :rank, updatedAt = :now REMOVE leaseUntil, notBefore", "attribute_exists(id)", values);
    }

    @Override
    public void markFailed(String messageId, String reason, Instant now) {
        update(messageId, "SET #s = :failed, reason = :reason, updatedAt = :now REMOVE leaseUntil, notBefore",
                "attribute_exists(id)", Map.of(":failed", s("FAILED"), ":reason", s(reason), ":now", s(Instants.format(now))));
    }

    @Override
    public void markWithheld(String messageId, String reason, Instant now) {
        update(messageId, "SET #s = :withheld, reason = :reason, updatedAt = :now REMOVE leaseUntil, notBefore",
                "attribute_exists(id)", Map.of(":withheld", s("WITHHELD"), ":reason", s(reason), ":now", s(Instants.format(now))));
    }

    @Override
    public void markRetry(String messageId, String reason, Instant retryAt, Instant now) {
        update(messageId, "SET #s = :retry, reason = :reason, notBefore = :at, updatedAt = :now REMOVE leaseUntil",
                "attribute_exists(id)", Map.of(":retry", s("RETRY"), ":reason", s(reason),
                        ":at", s(Instants.format(retryAt)), ":now", s(Instants.format(now))));
    }

    @Override
    public void redact(String messageId, String field) {
        try {
            dynamo.updateItem(r -> r.tableName(table).key(key(messageId)).updateExpression("REMOVE templateData.#f")
                    .conditionExpression("attribute_exists(templateData.#f)").expressionAttributeNames(Map.of("#f", field)));
        } catch (ConditionalCheckFailedException gone) {
            // nothing to drop
        }
    }

    @Override
    public void forget(String messageId, String anonymousId, Instant now) {
        update(messageId, "SET #s = :failed, reason = :reason, customerId = :anon, updatedAt = :now "
                        + "REMOVE " + OutboxItems.PERSONAL_ATTRIBUTES + ", leaseUntil, notBefore", "attribute_exists(id)",
                Map.of(":failed", s("FAILED"), ":reason", s("customer-erased"), ":anon", s(anonymousId),
                        ":now", s(Instants.format(now))));
    }

    @Override
    public void defer(String messageId, Instant until, Instant now) {
        update(messageId, "SET #s = :deferred, notBefore = :until, reason = :reason, updatedAt = :now",
                "#s IN (:pending, :retry)", Map.of(":deferred", s("DEFERRED"), ":until", s(Instants.format(until)),
                        ":reason", s("quiet-hours"), ":now", s(Instants.format(now)), ":pending", s("PENDING"),
                        ":retry", s("RETRY")));
    }

    @Override
    public int redriveDue(Instant now, int limit) {
        int moved = 0;
        var nowText = s(Instants.format(now));
        // deferred messages whose quiet hours are over; claims whose dispatcher died before finishing
        for (var status : List.of("DEFERRED", "SENDING")) {
            var field = status.equals("DEFERRED") ? "notBefore" : "leaseUntil";
            var items = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.OUTBOX_BY_STATUS)
                    .keyConditionExpression("#s = :status").filterExpression(field + " <= :now")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":status", s(status), ":now", nowText))
                    .limit(limit).build()).items();
            for (var item : items) {
                var id = item.get("id").s();
                // back to PENDING: the stream sees the change and the dispatcher picks it up
                if (update(id, "SET #s = :pending, updatedAt = :now ADD redrives :one", "#s = :status AND " + field + " <= :now",
                        Map.of(":pending", s("PENDING"), ":now", nowText, ":status", s(status),
                                ":one", AttributeValue.fromN("1")))) {
                    moved++;
                }
            }
        }
        return moved;
    }

    @Override
    public boolean updateDelivery(String providerId, DeliveryStatus status, String errorCode, Instant at) {
        var items = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.OUTBOX_BY_PROVIDER)
                .keyConditionExpression("providerId = :p").expressionAttributeValues(Map.of(":p", s(providerId)))
                .limit(1).build()).items();
        if (items.isEmpty()) return false;
        var values = new HashMap<String, AttributeValue>();
        values.put(":delivery", s(status.name()));
        values.put(":rank", AttributeValue.fromN(Integer.toString(status.rank())));
        values.put(":at", s(Instants.format(at)));
        var expression = "SET delivery = :delivery, deliveryRank = :rank, deliveredAt = :at";
        if (errorCode != null && !errorCode.isBlank()) {
            values.put(":code", s(errorCode));
            expression += ", errorCode = :code";
        }
        return update(items.get(0).get("id").s(), expression,
                "attribute_not_exists(deliveryRank) OR deliveryRank < :rank", values);
    }

    @Override
    public Page<MessageRecord> byCustomer(String customerId, String cursor, int limit) {
        return page(TableDefinitions.OUTBOX_BY_CUSTOMER, "customerId", customerId, cursor, limit);
    }

    @Override
    public Page<MessageRecord> byStatus(MessageRecord.Status status, String cursor, int limit) {
        return page(TableDefinitions.OUTBOX_BY_STATUS, "status", status.name(), cursor, limit);
    }

    private Page<MessageRecord> page(String index, String attribute, String value, String cursor, int limit) {
        Map<String, AttributeValue> start;
        try {
            start = Cursors.decode(cursor, attribute, value);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
        var response = dynamo.query(QueryRequest.builder().tableName(table).indexName(index)
                .keyConditionExpression("#k = :v").expressionAttributeNames(Map.of("#k", attribute))
                .expressionAttributeValues(Map.of(":v", s(value))).scanIndexForward(false)
                .exclusiveStartKey(start).limit(limit).build());
        var records = new ArrayList<MessageRecord>();
        response.items().forEach(i -> records.add(OutboxRecords.toRecord(i)));
        return new Page<>(records, response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    private boolean update(String id, String expression, String condition, Map<String, AttributeValue> values) {
        var request = UpdateItemRequest.builder().tableName(table).key(key(id)).updateExpression(expression)
                .conditionExpression(condition).expressionAttributeValues(values);
        if (expression.contains("#s") || condition.contains("#s")) request.expressionAttributeNames(Map.of("#s", "status"));
        try {
            dynamo.updateItem(request.build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", s(id));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
