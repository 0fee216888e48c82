package com.omnicanal.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.embedded.DynamoDBEmbedded;
import com.amazonaws.services.dynamodbv2.local.shared.access.AmazonDynamoDBLocal;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import java.nio.file.Files;
import java.nio.file.Path;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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

    private DynamoDbLocal(AmazonDynamoDBLocal engine, TableNames tables) {
        this.engine = engine;
        this.client = engine.dynamoDbClient();
        this.tables = tables;
        TableDefinitions.createAll(client, tables);
    }

    /** A fresh in-memory database with every table. */
    public static DynamoDbLocal inMemory() {
        return new DynamoDbLocal(DynamoDBEmbedded.create(true), TableNames.defaults());
    }

    /** The SQLite file DynamoDB Local keeps its data in, inside the data directory. */
    public static final String DATABASE_FILE = "dynamodb-local.db";

    /**
     * A database kept in {@code directory} across restarts; tables are created when missing. Every acknowledged write
     * is committed to SQLite's file (rollback journal), so a killed process leaves a database the next start opens.
     */
    public static DynamoDbLocal onDisk(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // DynamoDBEmbedded wants the database file itself: given the directory, SQLite cannot open it and retries forever
        var file = directory.resolve(DATABASE_FILE).toFile();
        return new DynamoDbLocal(DynamoDBEmbedded.create(file, true), TableNames.defaults());
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
