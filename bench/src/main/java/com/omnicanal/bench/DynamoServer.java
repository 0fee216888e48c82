package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.BENCH_JAR;
import static com.omnicanal.bench.Bench.java;
import static com.omnicanal.bench.Bench.stop;

import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import java.io.File;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynamoDB Local in its own process, with the flags local.sh gives the local stack. */
final class DynamoServer implements AutoCloseable {
    final Process process;
    final String endpoint;

    private DynamoServer(Process process, String endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static DynamoServer start() throws Exception {
        int port = DynamoDbLocalServer.freePort();
        var process = serverProcess(port);
        var endpoint = "http://127.0.0.1:" + port;
        waitForListTables(endpoint, process);
        return new DynamoServer(process, endpoint);
    }

    static Process serverProcess(int port) throws Exception {
        return new ProcessBuilder(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                BENCH_JAR + File.pathSeparator + "bench/target/lib/*", DynamoDbLocalServer.class.getName(),
                Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static long timeToServe(int port) throws Exception {
        long start = System.nanoTime();
        var process = serverProcess(port);
        try {
            waitForListTables("http://127.0.0.1:" + port, process);
            return (System.nanoTime() - start) / 1_000_000;
        } finally {
            stop(process);
        }
    }

    static void waitForListTables(String endpoint, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (DynamoDbClient client = DynamoDbLocalServer.client(endpoint)) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) throw new IllegalStateException("DynamoDB Local ended");
                try {
                    client.listTables();
                    return;
                } catch (RuntimeException notYet) {
                    Thread.sleep(10);
                }
            }
        }
        throw new IllegalStateException("DynamoDB Local never answered");
    }

    @Override
    public void close() throws Exception {
        stop(process);
    }
}
