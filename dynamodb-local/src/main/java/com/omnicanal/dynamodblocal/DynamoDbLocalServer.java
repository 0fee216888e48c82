package com.omnicanal.dynamodblocal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local as an HTTP server on a port of 127.0.0.1, in memory, for code that must reach it over the network as
 * a Lambda reaches DynamoDB (other processes, the jar tests, the benchmarks). Run it alone with {@link #main}.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    static {
        Quiet.loggers();
    }

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(int port) throws Exception {
        this.port = port;
        // the server binds every interface: a free port keeps tests and benchmarks apart
        this.server = ServerRunner.createServerFromCommandLineArgs(
                new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"});
        server.start();
    }

    /** An empty in-memory server on a free port. */
    public static DynamoDbLocalServer start() throws Exception {
        return new DynamoDbLocalServer(freePort());
    }

    /** The same, with every table of the project created. */
    public static DynamoDbLocalServer withTables() throws Exception {
        var server = start();
        try (var client = server.client()) {
            TableDefinitions.createAll(client, TableNames.defaults());
        }
        return server;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A client with dummy credentials, as DYNAMODB_ENDPOINT gives the functions. */
    public DynamoDbClient client() {
        return client(endpoint());
    }

    public static DynamoDbClient client(String endpoint) {
        return DynamoDbClient.builder().endpointOverride(URI.create(endpoint)).region(Region.EU_WEST_3)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    public static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop", e);
        }
    }

    /** {@code DynamoDbLocalServer PORT}: serves until killed; prints "ready" once it answers. */
    public static void main(String[] args) throws Exception {
        var server = new DynamoDbLocalServer(Integer.parseInt(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("ready " + server.endpoint());
        System.out.flush();
        Thread.currentThread().join();
    }
}
