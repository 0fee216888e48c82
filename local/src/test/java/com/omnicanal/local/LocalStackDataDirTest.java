package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./local.sh --data-dir DIR}: what was written is there after a restart, and after a {@code kill -9} of the
 * stack; the demo data goes into a new database only, never over what its users changed since.
 */
class LocalStackDataDirTest {
    private static final String SKU = "TSH-COT-BLU-M";
    private static final String STORE = "paris-rivoli";
    private static final String CUSTOMER = "cust-camille";

    @Test
    @Timeout(120)
    void whatWasWrittenIsThereAfterARestart(@TempDir Path dir) throws Exception {
        String reservation;
        try (var stack = LocalStack.start(0, dir)) {
            var client = new LocalClient(stack.port());
            assertThat(push(client, client.token("ops-restart", "ops", null), 1, 40)).isEqualTo(200);
            var held = client.send("POST", "/reservations", client.token(CUSTOMER, "customer", null),
                    "{\"sku\":\"" + SKU + "\",\"storeId\":\"" + STORE + "\",\"quantity\":3}",
                    Map.of("Idempotency-Key", "restart-1"));
            assertThat(held.status()).isEqualTo(201);
            reservation = held.body().get("id").asText();
            assertThat(available(client)).isEqualTo(37);
        }
        try (var stack = LocalStack.start(0, dir)) {
            var client = new LocalClient(stack.port());
            // 40 on hand and 3 held, not the demo data's stock loaded again over them
            assertThat(available(client)).isEqualTo(37);
            var found = client.get("/reservations/" + reservation, client.token(CUSTOMER, "customer", null));
            assertThat(found.status()).isEqualTo(200);
            assertThat(found.body().get("quantity").asInt()).isEqualTo(3);
            // and the database still takes writes
            assertThat(push(client, client.token("ops-restart", "ops", null), 2, 10)).isEqualTo(200);
            assertThat(available(client)).isEqualTo(7);
        }
    }

    @Test
    @Timeout(180)
    void aKillDashNineLosesNoAcknowledgedWriteAndTheStartPrintsOnlyWhatANewcomerNeeds(@TempDir Path dir)
            throws Exception {
        // the stack as local.sh starts it, in its own JVM, so that it can really be killed
        var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                LocalStack.class.getName(), "--data-dir", dir.toString()).redirectErrorStream(true);
        builder.environment().put("PORT", "0");
        var process = builder.start();
        var output = new CopyOnWriteArrayList<String>();
        var reader = new Thread(() -> {
            try (var lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) output.add(line);
            } catch (java.io.IOException closed) {
                // the process is gone
            }
        });
        reader.start();
        long acknowledged;
        try {
            var client = new LocalClient(readyPort(output, process));
            var ops = client.token("ops-kill", "ops", null);
            // stock feeds one after the other: feed n sets 100 + n on hand; the kill lands in the middle of them
            var lastAcknowledged = new AtomicLong();
            var writer = new Thread(() -> {
                try {
                    for (long n = 1; ; n++) {
                        if (push(client, ops, n, (int) (100 + n)) != 200) return;
                        lastAcknowledged.set(n);
                    }
                } catch (RuntimeException killed) {
                    // the connection dies with the process
                }
            });
            writer.start();
            var deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (lastAcknowledged.get() < 20 && Instant.now().isBefore(deadline) && writer.isAlive()) Thread.sleep(5);
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            writer.join(30_000);
            acknowledged = lastAcknowledged.get();
        } finally {
            process.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        assertThat(acknowledged).as("feeds acknowledged before the kill").isGreaterThanOrEqualTo(20);

        // the start: nothing before the ready banner, and none of the libraries' chatter at any time
        var printed = output.stream().filter(line -> !line.isBlank()).toList();
        assertThat(printed.get(0)).startsWith("Omnicanal local stack ready on http://127.0.0.1:");
        assertThat(printed).anySatisfy(line -> assertThat(line).contains("DynamoDB Local: on disk in " + dir));
        assertThat(String.join("\n", output)).doesNotContain("Commons Logging", "======> SOURCE", "JAXB",
                "\"level\":\"WARN\"", "\"level\":\"ERROR\"");

        try (var stack = LocalStack.start(0, dir)) {
            var client = new LocalClient(stack.port());
            // every acknowledged feed is there; the one in flight at the kill may or may not be
            assertThat(available(client)).isBetween((int) (100 + acknowledged), (int) (100 + acknowledged + 1));
            assertThat(push(client, client.token("ops-kill", "ops", null), acknowledged + 2, 5)).isEqualTo(200);
            assertThat(available(client)).isEqualTo(5);
        }
    }

    private static int readyPort(List<String> output, Process process) throws InterruptedException {
        var deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            for (var line : output) {
                var ready = java.util.regex.Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+)").matcher(line);
                if (ready.find()) return Integer.parseInt(ready.group(1));
            }
            if (!process.isAlive()) throw new AssertionError("the stack stopped: " + String.join("\n", output));
            Thread.sleep(50);
        }
        throw new AssertionError("the stack never said it was ready: " + String.join("\n", output));
    }

    private static int push(LocalClient client, String ops, long sequence, int onHand) {
        return client.send("PUT", "/stores/" + STORE + "/stock", ops, "{\"feedSequence\":" + sequence
                + ",\"lines\":[{\"sku\":\"" + SKU + "\",\"onHand\":" + onHand + "}]}", Map.of()).status();
    }

    private static int available(LocalClient client) {
        for (var location : client.get("/stock/" + SKU, null).body().get("locations")) {
            if (location.get("locationId").asText().equals(STORE)) return location.get("available").asInt();
        }
        throw new AssertionError(STORE + " is missing from " + SKU + "'s stock");
    }
}
