package com.omnicanal.local;

import com.fasterxml.jackson.core.type.TypeReference;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.messaging.ChannelKind;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.StockItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The demo stock, customers and staff the local stack starts with (demo/*.json). */
public final class DemoData {
    public record StockLine(String sku, String location, int onHand) {
    }

    public record Customer(String id, String firstName, String lastName, String email, String phone, String language,
                           String homeStoreId, List<String> preferredChannels, QuietHours quietHours,
                           List<String> transactionalChannels, List<String> marketingChannels,
                           List<String> feedbackChannels) {
    }

    public record QuietHours(String start, String end, String timeZone) {
    }

    public record Staff(String id, String name, String storeId) {
    }

    public final List<StockLine> stock = read("demo/stock.json", new TypeReference<>() { });
    public final List<Customer> customers = read("demo/customers.json", new TypeReference<>() { });
    public final List<Staff> staff = read("demo/staff.json", new TypeReference<>() { });
    public final List<com.omnicanal.feedback.Questionnaire> questionnaires =
            read("demo/questionnaires.json", new TypeReference<>() { });

    /** Loads everything unless the database already holds stock (a persistent one from an earlier run). */
    public boolean loadInto(DynamoDbClient dynamo, TableNames tables) {
        if (dynamo.scan(r -> r.tableName(tables.stock()).limit(1)).count() > 0) return false;
        var items = new ArrayList<WriteRequest>();
        for (var line : stock) {
            var item = StockItem.SCHEMA.itemToMap(StockItem.of(new StockLevel(line.sku(), line.location(), line.onHand(), 0)), true);
            items.add(put(item));
        }
        batch(dynamo, tables.stock(), items);
        var profiles = new ArrayList<WriteRequest>();
        for (var c : customers) {
            var item = new HashMap<String, AttributeValue>();
            item.put("pk", AttributeValue.fromS(DynamoContactBook.customerKey(c.id())));
            item.put("sk", AttributeValue.fromS("PROFILE"));
            item.put("customerId", AttributeValue.fromS(c.id()));
            item.put("firstName", AttributeValue.fromS(c.firstName()));
            item.put("lastName", AttributeValue.fromS(c.lastName()));
            item.put("email", AttributeValue.fromS(c.email()));
            item.put("phone", AttributeValue.fromS(c.phone()));
            item.put("language", AttributeValue.fromS(c.language()));
            item.put("homeStoreId", AttributeValue.fromS(c.homeStoreId()));
            if (c.preferredChannels() != null) {
                item.put("preferredChannels", AttributeValue.fromL(c.preferredChannels().stream().map(AttributeValue::fromS).toList()));
            }
            if (c.quietHours() != null) {
                item.put("quietStart", AttributeValue.fromS(c.quietHours().start()));
                item.put("quietEnd", AttributeValue.fromS(c.quietHours().end()));
                item.put("timeZone", AttributeValue.fromS(c.quietHours().timeZone()));
            }
            profiles.add(put(item));
            profiles.add(put(Map.of("pk", AttributeValue.fromS(DynamoContactBook.phoneKey(c.phone())),
                    "sk", AttributeValue.fromS("IDENTITY"), "customerId", AttributeValue.fromS(c.id()))));
            consents(profiles, c.id(), Purpose.TRANSACTIONAL, c.transactionalChannels());
            consents(profiles, c.id(), Purpose.MARKETING, c.marketingChannels());
            consents(profiles, c.id(), Purpose.FEEDBACK, c.feedbackChannels());
        }
        batch(dynamo, tables.customers(), profiles);
        var feedback = new com.omnicanal.feedback.dynamo.DynamoFeedbackStore(dynamo, tables);
        questionnaires.forEach(q -> feedback.save(q, 0));
        return true;
    }

    private static void consents(List<WriteRequest> writes, String customerId, Purpose purpose, List<String> channels) {
        if (channels == null) return;
        for (var channel : channels) {
            writes.add(put(Map.of("pk", AttributeValue.fromS(DynamoContactBook.customerKey(customerId)),
                    "sk", AttributeValue.fromS(DynamoContactBook.consentKey(purpose, ChannelKind.valueOf(channel))),
                    "granted", AttributeValue.fromBool(true), "source", AttributeValue.fromS("store"),
                    "decidedAt", AttributeValue.fromS("2026-01-15T10:00:00.000Z"))));
        }
    }

    private static WriteRequest put(Map<String, AttributeValue> item) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build();
    }

    private static void batch(DynamoDbClient dynamo, String table, List<WriteRequest> writes) {
        for (int i = 0; i < writes.size(); i += 25) {
            var chunk = writes.subList(i, Math.min(writes.size(), i + 25));
            var pending = Map.of(table, chunk);
            while (!pending.isEmpty()) {
                pending = dynamo.batchWriteItem(BatchWriteItemRequest.builder().requestItems(pending).build())
                        .unprocessedItems();
            }
        }
    }

    private static <T> List<T> read(String resource, TypeReference<List<T>> type) {
        try (var in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing");
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
