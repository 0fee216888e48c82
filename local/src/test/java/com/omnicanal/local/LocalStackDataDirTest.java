package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
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
        var spawned = Spawned.start(dir);
        var process = spawned.process();
        var output = spawned.output();
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
        spawned.reader().join(10_000);
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

    /** One POST of the burst: what was sent, and what came back (status 0: no answer, the process died first). */
    private static final class Request {
        final String path;
        final String key;
        final String customer;
        final String body;
        final int quantity;
        /** A bearer token for the customer, from the stack now running (its signing key changes at every start). */
        volatile String token;
        volatile int status;
        volatile String id;
        volatile boolean replayed;
        volatile String problem;

        Request(String path, String key, String customer, String token, String body, int quantity) {
            this.path = path;
            this.key = key;
            this.customer = customer;
            this.token = token;
            this.body = body;
            this.quantity = quantity;
        }

        boolean accepted() {
            return status / 100 == 2;
        }

        @Override
        public String toString() {
            return "POST " + path + " " + key + " -> " + status + (problem == null ? "" : " " + problem);
        }

        boolean reservation() {
            return path.equals("/reservations");
        }

        void send(LocalClient client) {
            var reply = client.send("POST", path, token, body, Map.of("Idempotency-Key", key));
            id = reply.body() == null ? null : reply.body().path("id").asText(null);
            replayed = "true".equals(reply.header("Idempotent-Replayed"));
            if (reply.status() / 100 != 2) problem = reply.raw().body();
            status = reply.status();
        }
    }

    @Test
    @Timeout(240)
    void aKillDashNineInABurstOfReservationsAndOrdersLosesNoneThatWasAcceptedAndTheOutboxSendsTheRest(@TempDir Path dir)
            throws Exception {
        final int onHand = 5000;
        final int writers = 4;
        var customers = List.of("cust-camille", "cust-hugo", "cust-emma");
        var requests = new CopyOnWriteArrayList<Request>();
        var acknowledgements = new java.util.concurrent.CountDownLatch(60);
        var stack = Spawned.start(dir);
        var process = stack.process();
        try {
            var client = new LocalClient(readyPort(stack.output(), process));
            assertThat(push(client, client.token("ops-burst", "ops", null), 1, onHand)).isEqualTo(200);
            // customers reserve and order the same SKU at the same store from 4 threads; the kill lands among them
            var threads = new ArrayList<Thread>();
            for (int w = 0; w < writers; w++) {
                final int writer = w;
                var customer = customers.get(writer % customers.size());
                var token = client.token(customer, "customer", null);
                threads.add(new Thread(() -> {
                    for (int n = 0; n < 500; n++) {
                        int quantity = 1 + (writer + n) % 3;
                        var key = "burst-" + writer + "-" + n;
                        var request = n % 2 == 0
                                ? new Request("/reservations", key, customer, token, reservation(quantity), quantity)
                                : new Request("/orders", key, customer, token, order(key, quantity), quantity);
                        requests.add(request);
                        try {
                            request.send(client);
                            if (request.accepted()) acknowledgements.countDown();
                        } catch (RuntimeException killed) {
                            return; // the connection died with the process
                        }
                    }
                }));
            }
            threads.forEach(Thread::start);
            // killed the moment the 60th answer arrives: what was just acknowledged is what a crash loses first
            assertThat(acknowledgements.await(90, TimeUnit.SECONDS)).as("60 requests answered").isTrue();
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (var thread : threads) thread.join(30_000);
        } finally {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
        var accepted = requests.stream().filter(Request::accepted).toList();
        var unanswered = requests.stream().filter(r -> r.status == 0).toList();
        assertThat(requests.stream().filter(r -> !r.accepted() && r.status != 0)).as("answers before the kill other than 2xx")
                .isEmpty();
        assertThat(accepted).as("accepted before the kill").hasSizeGreaterThanOrEqualTo(60);
        assertThat(unanswered).as("in flight at the kill").hasSizeLessThanOrEqualTo(writers);

        // back 3 minutes later, as after a real outage: a message the killed process had claimed is past its claim's
        // 2-minute lease, so the redrive puts it back at once (with the wall clock the test would wait out the lease)
        try (var restarted = LocalStack.start(0, dir, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)))) {
            var client = new LocalClient(restarted.port());
            var ops = client.token("ops-burst", "ops", null);
            for (var customer : customers) {
                var token = client.token(customer, "customer", null);
                requests.stream().filter(r -> r.customer.equals(customer)).forEach(r -> r.token = token);
            }
            int found = 0;
            for (var request : accepted) {
                var read = client.get(request.path + "/" + request.id, request.token);
                assertThat(read.status()).as(request.path + " " + request.key).isEqualTo(200);
                int quantity = request.reservation() ? read.body().get("quantity").asInt()
                        : read.body().get("lines").get(0).get("quantity").asInt();
                assertThat(quantity).as(request.key).isEqualTo(request.quantity);
                found++;
            }
            // the client retries what got no answer with the same key: each request then holds stock exactly once
            int committedBeforeTheKill = 0;
            for (var request : unanswered) {
                request.send(client);
                assertThat(request.accepted()).as("retry of " + request.key).isTrue();
                if (request.replayed) committedBeforeTheKill++;
            }
            int held = requests.stream().mapToInt(r -> r.quantity).sum();
            assertThat(available(client)).as("on hand minus every request's units, once").isEqualTo(onHand - held);
            var reservationIds = requests.stream().filter(Request::reservation).map(r -> r.id).collect(Collectors.toSet());
            var orderIds = requests.stream().filter(r -> !r.reservation()).map(r -> r.id).collect(Collectors.toSet());
            assertThat(reservationIds).hasSize((int) requests.stream().filter(Request::reservation).count());
            assertThat(orderIds).hasSize((int) requests.stream().filter(r -> !r.reservation()).count());
            assertThat(ids(client, ops, "/stores/" + STORE + "/reservations?status=HELD", false))
                    .as("the store's held reservations: these and no other").isEqualTo(reservationIds);
            assertThat(ids(client, ops, "/stores/" + STORE + "/orders?status=PLACED", true))
                    .as("the store's placed orders: these and no other").isEqualTo(orderIds);

            // one confirmation per reservation and order: those pending at the kill are sent after the restart
            int claimedAtRestart = countMessages(client, ops, "SENDING");
            int pendingAtRestart = waiting(client, ops);
            long began = System.nanoTime();
            var outboxDeadline = Instant.now().plus(Duration.ofSeconds(60));
            int sent = 0;
            int waiting = pendingAtRestart;
            while (Instant.now().isBefore(outboxDeadline)) {
                sent = countMessages(client, ops, "SENT");
                waiting = waiting(client, ops);
                if (waiting == 0 && sent == requests.size()) break;
                // what the 5-minute schedule would do: put abandoned claims back in the stream
                client.send("POST", "/_local/schedules/messageRedrive", null, null, Map.of());
                Thread.sleep(500);
            }
            // none failed, the demo's marketing included: one refused for want of consent is WITHHELD, not FAILED
            assertThat(countMessages(client, ops, "FAILED", false)).as("failed messages").isZero();
            assertThat(waiting).as("messages still waiting").isZero();
            assertThat(sent).as("messages sent, one per reservation and order").isEqualTo(requests.size());
            System.out.printf("kill -9 in a burst: %d requests sent, %d answered 2xx before the kill, %d in flight (%d of "
                            + "them committed); after the restart %d of %d found, stock %d on hand - %d held = %d available; "
                            + "outbox: %d waiting at the restart (%d of them claimed at the kill), %d sent in all %d ms after it%n",
                    requests.size(), accepted.size(), unanswered.size(), committedBeforeTheKill, found, accepted.size(),
                    onHand, held, onHand - held, pendingAtRestart, claimedAtRestart, sent,
                    (System.nanoTime() - began) / 1_000_000);
        }
    }

    private static String reservation(int quantity) {
        return "{\"sku\":\"" + SKU + "\",\"storeId\":\"" + STORE + "\",\"quantity\":" + quantity + "}";
    }

    private static String order(String key, int quantity) {
        return "{\"pickupStoreId\":\"" + STORE + "\",\"lines\":[{\"sku\":\"" + SKU + "\",\"quantity\":" + quantity
                + "}],\"contact\":{\"name\":\"Client\",\"email\":\"client@example.org\"},\"paymentAuthorization\":\"auth-"
                + key + "\"}";
    }

    private static java.util.Set<String> ids(LocalClient client, String ops, String path, boolean queued) {
        var ids = new java.util.HashSet<String>();
        String cursor = null;
        do {
            var page = client.get(path + (cursor == null ? "" : "&cursor="
                    + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), ops);
            assertThat(page.status()).as(path).isEqualTo(200);
            for (var item : page.body().get("items")) ids.add((queued ? item.get("order") : item).get("id").asText());
            cursor = page.body().path("nextCursor").asText(null);
        } while (cursor != null);
        return ids;
    }

    /** Messages not yet handed to a channel: new, claimed by a dispatcher, or to be retried. */
    private static int waiting(LocalClient client, String ops) {
        return countMessages(client, ops, "PENDING") + countMessages(client, ops, "SENDING")
                + countMessages(client, ops, "RETRY");
    }

    private static int countMessages(LocalClient client, String ops, String status) {
        return countMessages(client, ops, status, true);
    }

    private static int countMessages(LocalClient client, String ops, String status, boolean burstOnly) {
        int count = 0;
        String cursor = null;
        do {
            var page = client.get("/ops/messages?status=" + status + (cursor == null ? "" : "&cursor="
                    + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)), ops);
            assertThat(page.status()).isEqualTo(200);
            // the burst's confirmations only: the demo's loyalty marketing message to a consenting member is sent too
            for (var item : page.body().get("items")) {
                if (!burstOnly || !"MARKETING".equals(item.path("purpose").asText())) count++;
            }
            cursor = page.body().path("nextCursor").asText(null);
        } while (cursor != null);
        return count;
    }

    /** The stack as local.sh starts it, in its own JVM, so that it can really be killed, and what it prints. */
    private record Spawned(Process process, Thread reader, List<String> output) {
        static Spawned start(Path dir) throws java.io.IOException {
            var classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath,
                    LocalStack.class.getName(), "--data-dir", dir.toString()).redirectErrorStream(true);
            builder.environment().put("PORT", "0");
            var process = builder.start();
            var output = new CopyOnWriteArrayList<String>();
            var reader = new Thread(() -> {
                var stream = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8);
                try (var lines = new BufferedReader(stream)) {
                    for (String line; (line = lines.readLine()) != null; ) output.add(line);
                } catch (java.io.IOException closed) {
                    // the process is gone
                }
            });
            reader.setDaemon(true);
            reader.start();
            return new Spawned(process, reader, output);
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
