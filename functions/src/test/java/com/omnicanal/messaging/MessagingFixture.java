package com.omnicanal.messaging;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.dynamo.DynamoSmsOptOuts;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The messaging adapters over DynamoDB Local, with customers and outbox messages written the way production does. */
final class MessagingFixture {
    final DynamoDbClient dynamo;
    final TableNames tables = TableNames.defaults();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
    final DynamoDeliveryLog log;
    final DynamoContactBook contacts;
    final DynamoSmsOptOuts optOuts;

    MessagingFixture(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        for (var t : TableDefinitions.all(tables)) {
            try {
                dynamo.deleteTable(r -> r.tableName(t.tableName()));
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException absent) {
                // first use
            }
        }
        TableDefinitions.createAll(dynamo, tables);
        com.omnicanal.testing.TestBackend.withoutExpiry(dynamo, tables);
        this.log = new DynamoDeliveryLog(dynamo, tables.outbox());
        this.contacts = new DynamoContactBook(dynamo, tables.customers());
        this.optOuts = new DynamoSmsOptOuts(dynamo, tables.customers(), tables.idempotency(), tables.outbox());
    }

    Dispatcher dispatcher(List<Channel> channels) {
        return dispatcher(channels, SentMessages.NONE);
    }

    /** A dispatcher that tells {@code sent} what a channel took. */
    Dispatcher dispatcher(List<Channel> channels, SentMessages sent) {
        return dispatcher(channels, sent, com.omnicanal.shared.BusinessMetrics.NONE);
    }

    /** ... and {@code metrics} its figures. */
    Dispatcher dispatcher(List<Channel> channels, SentMessages sent, com.omnicanal.shared.BusinessMetrics metrics) {
        var policy = new Dispatcher.Policy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(2), 3,
                Duration.ofMinutes(1));
        return new Dispatcher(log, contacts, new MustacheTemplates(), channels, policy, clock, d -> { }, sent, metrics);
    }

    /** A dispatcher that keeps marketing to the given fatigue rules. */
    Dispatcher dispatcher(List<Channel> channels, MarketingFatigue rules) {
        var policy = new Dispatcher.Policy(3, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMinutes(2), 3,
                Duration.ofMinutes(1));
        return new Dispatcher(log, contacts, new MustacheTemplates(), channels, policy, clock, d -> { }, SentMessages.NONE,
                com.omnicanal.shared.BusinessMetrics.NONE,
                new com.omnicanal.messaging.dynamo.DynamoMarketingAllowances(dynamo, tables.customers(), rules));
    }

    void customer(String id, String language, String email, String phone, String quietStart, String quietEnd) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", AttributeValue.fromS(CustomerKeys.customerKey(id)));
        item.put("sk", AttributeValue.fromS("PROFILE"));
        item.put("language", AttributeValue.fromS(language));
        if (email != null) item.put("email", AttributeValue.fromS(email));
        if (phone != null) {
            item.put("phone", AttributeValue.fromS(phone));
            dynamo.putItem(r -> r.tableName(tables.customers()).item(Map.of(
                    "pk", AttributeValue.fromS(CustomerKeys.phoneKey(phone)),
                    "sk", AttributeValue.fromS("IDENTITY"), "customerId", AttributeValue.fromS(id))));
        }
        if (quietStart != null) {
            item.put("quietStart", AttributeValue.fromS(quietStart));
            item.put("quietEnd", AttributeValue.fromS(quietEnd));
            item.put("timeZone", AttributeValue.fromS("Europe/Paris"));
        }
        dynamo.putItem(r -> r.tableName(tables.customers()).item(item));
    }

    OutboxMessage queue(String kind, String customerId, OutboxMessage.Purpose purpose, OutboxMessage.Urgency urgency,
                        String dedupeKey) {
        return queue(kind, customerId, purpose, urgency, dedupeKey, Map.of());
    }

    OutboxMessage queue(String kind, String customerId, OutboxMessage.Purpose purpose, OutboxMessage.Urgency urgency,
                        String dedupeKey, Map<String, String> extra) {
        return queue(kind, customerId, new Delivery(purpose, urgency, EnumSet.allOf(ChannelKind.class), null), dedupeKey, extra);
    }

    OutboxMessage queue(String kind, String customerId, Delivery delivery, String dedupeKey, Map<String, String> extra) {
        var data = new HashMap<>(Map.of("reservationId", "R1", "reservationRef", "7RMWT4", "sku", "TSH-COT-BLU-M", "productName", "T-shirt coton bio bleu",
                "quantity", "1", "storeName", "Omnicanal Paris Rivoli", "storeAddress", "112 rue de Rivoli, 75001 Paris",
                "expiresDate", "25/11/2026", "expiresTime", "10:00"));
        data.putAll(extra);
        var message = OutboxMessage.of(kind, customerId, dedupeKey, delivery, data, clock.instant());
        dynamo.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(OutboxItems.put(tables.outbox(), message)).build());
        return message;
    }

    SmsKeywords keywords() {
        return keywords(com.omnicanal.shared.BusinessMetrics.NONE);
    }

    SmsKeywords keywords(com.omnicanal.shared.BusinessMetrics metrics) {
        return new SmsKeywords(contacts, optOuts, clock, metrics);
    }

    MessageRecord record(String id) {
        return log.find(id).orElseThrow();
    }
}
