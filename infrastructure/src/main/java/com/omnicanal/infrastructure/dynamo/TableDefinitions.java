package com.omnicanal.infrastructure.dynamo;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveSpecification;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;

/**
 * The tables as template.yaml declares them; the local stack and tests create them from here, and a test checks that
 * template.yaml says the same. Their items are attribute maps built by one item class per record type in the owning
 * capability's {@code .dynamo} package (README, "Tables and how they are mapped").
 */
public final class TableDefinitions {
    public static final String ORDERS_BY_CUSTOMER = "byCustomer";
    public static final String ORDERS_BY_STORE = "byStore";
    public static final String ORDERS_OPEN_BY_EXPIRY = "openByExpiry";
    public static final String OUTBOX_BY_CUSTOMER = "byCustomer";
    public static final String OUTBOX_BY_STATUS = "byStatus";
    public static final String OUTBOX_BY_PROVIDER = "byProvider";
    public static final String FEEDBACK_DUE = "byDue";
    public static final String APPOINTMENTS_BY_STORE = "byStore";
    public static final String APPOINTMENTS_BY_CUSTOMER = "byCustomer";
    public static final String APPOINTMENTS_DUE = "byDue";
    public static final String TTL_ATTRIBUTE = "expiration";

    private TableDefinitions() {
    }

    public static List<CreateTableRequest> all(TableNames names) {
        var tables = new ArrayList<CreateTableRequest>();
        tables.add(table(names.stock(), "pk", "sk").build());
        tables.add(table(names.orders(), "id", null)
                .attributeDefinitions(string("id"), string("customerId"), string("createdAt"), string("storeId"),
                        string("storeStatusKey"), string("openStatus"), string("expiresAt"))
                .globalSecondaryIndexes(
                        index(ORDERS_BY_CUSTOMER, "customerId", "createdAt"),
                        index(ORDERS_BY_STORE, "storeId", "storeStatusKey"),
                        index(ORDERS_OPEN_BY_EXPIRY, "openStatus", "expiresAt"))
                .build());
        tables.add(table(names.outbox(), "id", null)
                .attributeDefinitions(string("id"), string("customerId"), string("createdAt"), string("status"),
                        string("providerId"))
                .globalSecondaryIndexes(
                        index(OUTBOX_BY_CUSTOMER, "customerId", "createdAt"),
                        index(OUTBOX_BY_STATUS, "status", "createdAt"),
                        index(OUTBOX_BY_PROVIDER, "providerId", null).toBuilder()
                                .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build());
        tables.add(table(names.idempotency(), "id", null).build());
        tables.add(table(names.customers(), "pk", "sk").build());
        tables.add(table(names.feedback(), "pk", "sk")
                .attributeDefinitions(string("pk"), string("sk"), string("dueBucket"), string("dueAt"))
                .globalSecondaryIndexes(index(FEEDBACK_DUE, "dueBucket", "dueAt"))
                .build());
        // products, stores, feeds and their progress (catalog.dynamo): keys made for the lookups, no index needed
        tables.add(table(names.catalog(), "pk", "sk").build());
        // appointments, what can be booked per store, and the cells of time advisors and resources are taken for
        tables.add(table(names.appointments(), "pk", "sk")
                .attributeDefinitions(string("pk"), string("sk"), string("storeId"), string("startAt"), string("customerId"),
                        string("openStatus"), string("dueAt"))
                .globalSecondaryIndexes(
                        index(APPOINTMENTS_BY_STORE, "storeId", "startAt"),
                        index(APPOINTMENTS_BY_CUSTOMER, "customerId", "startAt"),
                        index(APPOINTMENTS_DUE, "openStatus", "dueAt"))
                .build());
        // KPI counters per store and day, customers' weeks, and the marks of the events counted
        tables.add(table(names.kpis(), "pk", "sk").build());
        return tables;
    }

    /** The tables whose items may carry a {@link #TTL_ATTRIBUTE} (idempotency records, the outbox's business events, appointment cells, KPI marks). */
    public static List<String> expiring(TableNames names) {
        return List.of(names.idempotency(), names.outbox(), names.appointments(), names.kpis());
    }

    /** Creates every table that does not exist yet, and the TTL settings. */
    public static void createAll(DynamoDbClient dynamo, TableNames names) {
        for (var request : all(names)) {
            try {
                dynamo.createTable(request);
            } catch (ResourceInUseException alreadyThere) {
                // created by an earlier run on a persistent database
            }
        }
        for (var table : expiring(names)) {
            // DynamoDB refuses to enable TTL twice: a persistent database from an earlier run already has it
            var ttl = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
            if (ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING) {
                continue;
            }
            dynamo.updateTimeToLive(UpdateTimeToLiveRequest.builder().tableName(table)
                    .timeToLiveSpecification(TimeToLiveSpecification.builder().enabled(true)
                            .attributeName(TTL_ATTRIBUTE).build())
                    .build());
        }
    }

    private static CreateTableRequest.Builder table(String name, String hash, String range) {
        var keys = new ArrayList<KeySchemaElement>();
        var attributes = new ArrayList<AttributeDefinition>();
        keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        attributes.add(string(hash));
        if (range != null) {
            keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
            attributes.add(string(range));
        }
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys).attributeDefinitions(attributes);
    }

    private static GlobalSecondaryIndex index(String name, String hash, String range) {
        var keys = new ArrayList<KeySchemaElement>();
        keys.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) keys.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        return GlobalSecondaryIndex.builder().indexName(name)
                .keySchema(keys)
                .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                .build();
    }

    private static AttributeDefinition string(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
