package com.omnicanal.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local running inside this JVM (no port, no Docker, no AWS account), with the project's tables created from
 * the same definitions template.yaml declares. For tests and the local stack only: never in the Lambda jar.
 */
public final class DynamoDbLocal implements AutoCloseable {
    static {
        Quiet.loggers();
    }

    private final AmazonDynamoDBLocal engine;
    private final DynamoDbClient client;
    private final TableNames tables;

    private DynamoDbLocal(AmazonDynamoDBLocal engine, TableNames tables, boolean onDisk) {
        this.engine = engine;
        this.client = onDisk ? committedWhenAnswered(engine.dynamoDbClient(), tables) : engine.dynamoDbClient();
        this.tables = tables;
        TableDefinitions.createAll(client, tables);
    }

    /** A fresh in-memory database with every table. */
    public static DynamoDbLocal inMemory() {
        return new DynamoDbLocal(DynamoDBEmbedded.create(true), TableNames.defaults(), false);
    }

    /** The SQLite file DynamoDB Local keeps its data in, inside the data directory. */
    public static final String DATABASE_FILE = "dynamodb-local.db";

    /**
     * A database kept in {@code directory} across restarts; tables are created when missing. Every acknowledged write,
     * transactions included, is committed to SQLite's file (rollback journal), so a killed process loses none of them.
     */
    public static DynamoDbLocal onDisk(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // DynamoDBEmbedded wants the database file itself: given the directory, SQLite cannot open it and retries forever
        var file = directory.resolve(DATABASE_FILE).toFile();
        return new DynamoDbLocal(DynamoDBEmbedded.create(file, true), TableNames.defaults(), true);
    }

    /**
     * DynamoDB Local (2.6.1) answers TransactWriteItems before SQLite commits it: its commitTransaction only queues the
     * COMMIT on its one SQLite thread. A read queued after it returns once that COMMIT has run, so each transaction is
     * in the file before its caller hears of it (a kill -9 lost the last acknowledged ones: OnDiskTransactionsTest).
     */
    private static DynamoDbClient committedWhenAnswered(DynamoDbClient client, TableNames tables) {
        var afterTheCommit = GetItemRequest.builder().tableName(tables.idempotency())
                .key(Map.of("id", AttributeValue.fromS("commit-barrier"))).build();
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("transactWriteItems")) client.getItem(afterTheCommit);
                    return result;
                });
    }

    public DynamoDbClient client() {
        return client;
    }

    public DynamoDbStreamsClient streams() {
        return engine.dynamoDbStreamsClient();
    }

    public TableNames tables() {
        return tables;
    }

    @Override
    public void close() {
        engine.shutdownNow();
    }
}
