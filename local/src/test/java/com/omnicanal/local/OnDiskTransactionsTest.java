package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The database under {@code --data-dir} keeps every transaction it acknowledged through a {@code kill -9}: writers in
 * another JVM print each acknowledged transaction; the JVM is killed the moment the 500th is printed.
 */
class OnDiskTransactionsTest {
    private static final int WRITERS = 6;
    private static final int KILL_AFTER = 500;

    /** The JVM that is killed: transactions of two items from several threads, each printed once acknowledged. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            var db = DynamoDbLocal.onDisk(Path.of(args[0]));
            var table = db.tables().idempotency();
            var out = System.out;
            var threads = new ArrayList<Thread>();
            for (int w = 0; w < WRITERS; w++) {
                final int writer = w;
                threads.add(new Thread(() -> {
                    for (int n = 0; ; n++) {
                        var id = "tx-" + writer + "-" + n;
                        db.client().transactWriteItems(r -> r.transactItems(put(table, id), put(table, id + "-pair")));
                        synchronized (out) {
                            out.println("ack " + id);
                            out.flush();
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            for (var thread : threads) thread.join();
        }

        private static TransactWriteItem put(String table, String id) {
            return TransactWriteItem.builder().put(Put.builder().tableName(table)
                    .item(Map.of("id", AttributeValue.fromS(id))).build()).build();
        }
    }

    @Test
    @Timeout(180)
    void everyAcknowledgedTransactionIsThereAfterAKillDashNine(@TempDir Path dir) throws Exception {
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                Writer.class.getName(), dir.toString()).redirectErrorStream(true).start();
        var acknowledged = new ArrayList<String>();
        var other = new ArrayList<String>();
        var stdout = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
        try (var lines = new BufferedReader(stdout)) {
            for (String line; acknowledged.size() < KILL_AFTER && (line = lines.readLine()) != null; ) {
                if (line.startsWith("ack ")) acknowledged.add(line.substring(4));
                else other.add(line);
            }
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            process.destroyForcibly();
        }
        assertThat(acknowledged).as("acknowledged before the kill; the writer printed " + other).hasSize(KILL_AFTER);
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (var db = DynamoDbLocal.onDisk(dir)) {
            var table = db.tables().idempotency();
            var lost = new ArrayList<String>();
            for (var id : acknowledged) {
                for (var key : List.of(id, id + "-pair")) {
                    var item = db.client().getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS(key))));
                    if (!item.hasItem()) lost.add(key);
                }
            }
            System.out.printf("kill -9 of DynamoDB Local on disk: %d transactions acknowledged, %d items found after the "
                    + "restart, %d lost%n", acknowledged.size(), 2 * acknowledged.size() - lost.size(), lost.size());
            assertThat(lost).as("items of acknowledged transactions missing after the restart").isEmpty();
        }
    }
}
