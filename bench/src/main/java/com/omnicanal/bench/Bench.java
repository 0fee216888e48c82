package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.StockItem;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whole-process benchmarks for issue 9, each against its baseline in the same run, alternating, median and spread:
 * cold start (Spring Cloud Function handler vs a bare RequestHandler), warm overhead (JMH, see {@link WarmOverhead}),
 * contention on one SKU with the stock invariant checked after every run, local stack start vs DynamoDB Local's.
 * DynamoDB Local runs as a separate server process on 127.0.0.1, as DynamoDB is a network hop for a Lambda.
 * Usage: {@code Bench [cold|warm|contention|local|all|serve] [runs]}; run from the repository root (bench/run.sh does).
 * {@code -Dbench.beforeJar=<an earlier omnicanal-functions-lambda.jar>} measures it beside the current one.
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API functions' Lambda jar; -Dbench.apiJar=... measures another build (e.g. a "before" figure). */
    private static final Path API_JAR = Path.of(System.getProperty("bench.apiJar", "functions/target/omnicanal-functions-lambda.jar"));
    /**
     * An earlier build of the same jar (-Dbench.beforeJar=...): measured in the same run, alternating with the current
     * one, as "scf-before" (cold) and as its own JMH runs (warm), each against the same bare baseline.
     */
    private static final Path BEFORE_JAR = System.getProperty("bench.beforeJar") == null ? null
            : Path.of(System.getProperty("bench.beforeJar"));
    private static final Path BENCH_JAR = Path.of("bench/target/omnicanal-bench.jar");
    private static final String SKU = "TSH-COT-BLU-M";
    private static final String STORE = "paris-rivoli";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        var what = args.length > 0 ? args[0] : "all";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (what.equals("local") || what.equals("all")) localStack(Math.max(3, runs / 2));
        if (what.equals("local")) return;
        if (what.equals("serve")) {
            serve();
            return;
        }
        try (var dynamo = DynamoServer.start()) {
            try (var client = DynamoDbLocalServer.client(dynamo.endpoint)) {
                TableDefinitions.createAll(client, TableNames.defaults());
                demoCatalog(client);
            }
            if (what.equals("cold") || what.equals("all")) coldStart(dynamo.endpoint, runs);
            if (what.equals("warm") || what.equals("all")) warm(dynamo.endpoint);
            if (what.equals("contention") || what.equals("all")) contention(dynamo.endpoint, Math.max(3, runs / 2));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 1. Cold start

    static void coldStart(String endpoint, int runs) throws Exception {
        try (var client = DynamoDbLocalServer.client(endpoint)) {
            stock(client, SKU, STORE, 1_000_000);
        }
        var javaToolOptions = templateJavaToolOptions();
        System.out.printf("%n## Cold start: fresh JVM to first response of POST /reservations (%d runs each, alternating)%n", runs);
        System.out.printf("JAVA_TOOL_OPTIONS from template.yaml: %s; classpath: %s + the probe%n", javaToolOptions, API_JAR);
        // -Dbench.modes=bare,scf for a build without Priming
        var modes = List.of(System.getProperty("bench.modes",
                BEFORE_JAR == null ? "bare,scf,scf-primed" : "bare,scf-before,scf,scf-primed").split(","));
        Map<String, List<long[]>> results = new HashMap<>();
        for (int run = -1; run < runs; run++) { // run -1 warms the page cache and is not counted
            for (var mode : modes) {
                var sample = coldRun(endpoint, mode, javaToolOptions);
                if (run >= 0) results.computeIfAbsent(mode, m -> new ArrayList<>()).add(sample);
            }
        }
        System.out.println("| handler | median ms (wall, process start to response) | min | max | in-JVM init ms | first invoke ms | CPU ms (all threads) |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var mode : modes) {
            var samples = results.get(mode);
            System.out.printf("| %s | %d | %d | %d | %d | %d | %d |%n", label(mode), median(samples, 0), min(samples, 0),
                    max(samples, 0), median(samples, 1), median(samples, 3), median(samples, 4));
        }
        if (results.containsKey("scf-before")) {
            System.out.printf("before: ratio SCF / bare (medians): %.2f; per-run ratios: %s%n",
                    (double) median(results.get("scf-before"), 0) / median(results.get("bare"), 0),
                    perRunRatios(results.get("scf-before"), results.get("bare")));
        }
        double ratio = (double) median(results.get("scf"), 0) / median(results.get("bare"), 0);
        System.out.printf("ratio SCF / bare (medians): %.2f (goal <= 1.3); per-run ratios: %s%n", ratio,
                perRunRatios(results.get("scf"), results.get("bare")));
        if (results.containsKey("scf-primed")) {
            System.out.printf("SnapStart proxy: first invoke after priming %d ms vs %d ms unprimed (median)%n",
                    median(results.get("scf-primed"), 3), median(results.get("scf"), 3));
        }
    }

    private static String label(String mode) {
        return switch (mode) {
            case "bare" -> "(b) bare RequestHandler";
            case "scf" -> "(a) Spring Cloud Function FunctionInvoker";
            case "scf-before" -> "(a0) same, before (" + BEFORE_JAR + ")";
            default -> "(a') same, primed as before a SnapStart snapshot";
        };
    }

    /** {wall ms, init ms, prime ms, invoke ms, process CPU ms}. */
    private static long[] coldRun(String endpoint, String mode, String javaToolOptions) throws Exception {
        var event = Files.createTempFile("cold-event", ".json");
        Files.writeString(event, reservationEvent("cold-" + UUID.randomUUID()));
        var jar = mode.equals("scf-before") ? BEFORE_JAR : API_JAR;
        var command = List.of(java(), "-cp", jar + File.pathSeparator + BENCH_JAR,
                ColdStartProbe.class.getName(), mode.equals("scf-before") ? "scf" : mode, event.toString());
        var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        functionEnvironment(builder.environment(), endpoint);
        builder.environment().put("JAVA_TOOL_OPTIONS", javaToolOptions);
        long start = System.nanoTime();
        var process = builder.start();
        String line;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null && !line.startsWith("RESPONSE")) {
                // skip anything else printed
            }
        }
        long wall = (System.nanoTime() - start) / 1_000_000;
        process.waitFor(30, TimeUnit.SECONDS);
        Files.deleteIfExists(event);
        if (line == null || !line.startsWith("RESPONSE 201")) throw new IllegalStateException(mode + " answered " + line);
        var parts = line.split(" ");
        return new long[] {wall, Long.parseLong(parts[2]), Long.parseLong(parts[3]), Long.parseLong(parts[4]),
                Long.parseLong(parts[6])};
    }

    static void functionEnvironment(Map<String, String> env, String endpoint) {
        env.put("MAIN_CLASS", "com.omnicanal.OmnicanalApplication");
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", "reservationApi");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "omnicanal-ReservationFunction"); // as the Lambda runtime sets it
        env.put("DYNAMODB_ENDPOINT", endpoint);
        env.put("AWS_REGION", "eu-west-3");
        env.put("STOCK_TABLE", "Stock");
        env.put("ORDERS_TABLE", "Orders");
        env.put("OUTBOX_TABLE", "Outbox");
        env.put("IDEMPOTENCY_TABLE", "Idempotency");
        env.put("CUSTOMERS_TABLE", "Customers");
        env.put("HOLD_PERIOD", "PT48H");
        env.put("MAX_RESERVATION_QUANTITY", "5");
        env.put("PUBLIC_BASE_URL", "https://api.omnicanal.example");
    }

    /** The Lambda JVM options template.yaml sets, so the benchmark measures what is deployed. */
    static String templateJavaToolOptions() throws Exception {
        var matcher = Pattern.compile("JAVA_TOOL_OPTIONS:\\s*(.+)").matcher(Files.readString(Path.of("template.yaml")));
        return matcher.find() ? matcher.group(1).trim() : "";
    }

    static String reservationEvent(String idempotencyKey) throws Exception {
        var event = (ObjectNode) JSON.readTree(Files.readString(Path.of("events/post-reservation.json")));
        ((ObjectNode) event.get("headers")).put("idempotency-key", idempotencyKey);
        return JSON.writeValueAsString(event);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 2. Warm overhead (JMH in its own JVMs)

    static void warm(String endpoint) throws Exception {
        try (var client = DynamoDbLocalServer.client(endpoint)) {
            stock(client, SKU, STORE, 100_000_000);
        }
        var event = Files.createTempFile("warm-event", ".json");
        Files.writeString(event, reservationEvent("IDEMPOTENCY_KEY"));
        if (BEFORE_JAR == null) {
            System.out.printf("%n## Warm overhead (JMH sample time, 2 forks x 6 x 3 s after 4 x 3 s warm-up, -XX:TieredStopAtLevel=1 as deployed)%n");
            var byName = jmh(endpoint, event, API_JAR, 2);
            printWarm(byName);
        } else {
            // before and after alternate (before, after, after, before), one fork each, every run against its own bare
            System.out.printf("%n## Warm overhead, before vs after (JMH sample time, runs ordered B A A B, 1 fork x 6 x 3 s "
                    + "after 4 x 3 s warm-up each, -XX:TieredStopAtLevel=1 as deployed)%n");
            Map<String, List<Double>> p50 = new HashMap<>();
            Map<String, List<Double>> p99 = new HashMap<>();
            for (var which : List.of("before", "after", "after", "before")) {
                var byName = jmh(endpoint, event, which.equals("before") ? BEFORE_JAR : API_JAR, 1);
                System.out.println("### " + which);
                printWarm(byName);
                var f = byName.get("reserveFunction").get("scorePercentiles");
                var b = byName.get("bareTransactWrite").get("scorePercentiles");
                p50.computeIfAbsent(which, w -> new ArrayList<>()).add(f.get("50.0").asDouble() / b.get("50.0").asDouble());
                p99.computeIfAbsent(which, w -> new ArrayList<>()).add(f.get("99.0").asDouble() / b.get("99.0").asDouble());
            }
            for (var which : List.of("before", "after")) {
                System.out.printf("%s: p50 ratios %s (mean %.2f), p99 ratios %s (mean %.2f)%n", which,
                        format(p50.get(which)), mean(p50.get(which)), format(p99.get(which)), mean(p99.get(which)));
            }
        }
        Files.deleteIfExists(event);
    }

    private static Map<String, JsonNode> jmh(String endpoint, Path event, Path jar, int forks) throws Exception {
        var results = Files.createTempFile("jmh", ".json");
        var classpath = String.join(File.pathSeparator, jar.toString(), BENCH_JAR.toString(),
                lib("jmh-core"), lib("jopt-simple"), lib("commons-math3"));
        var command = List.of(java(), "-cp", classpath, "org.openjdk.jmh.Main", WarmOverhead.class.getName(),
                "-f", Integer.toString(forks), "-wi", "4", "-w", "3s", "-i", "6", "-r", "3s", "-foe", "true",
                "-jvmArgs", "-XX:TieredStopAtLevel=1 -Dbench.event=" + event,
                "-rf", "json", "-rff", results.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        functionEnvironment(builder.environment(), endpoint);
        var log = Files.createTempFile("jmh", ".log");
        builder.redirectOutput(log.toFile());
        int exit = builder.start().waitFor();
        if (exit != 0) throw new IllegalStateException("JMH failed, see " + log);
        Map<String, JsonNode> byName = new HashMap<>();
        for (var result : JSON.readTree(results.toFile())) {
            var name = result.get("benchmark").asText();
            byName.put(name.substring(name.lastIndexOf('.') + 1), result.get("primaryMetric"));
        }
        Files.deleteIfExists(results);
        Files.deleteIfExists(log);
        return byName;
    }

    private static void printWarm(Map<String, JsonNode> byName) {
        System.out.println("| what | p50 µs | p90 µs | p99 µs | samples |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (var name : List.of("reserveFunction", "bareTransactWrite")) {
            var m = byName.get(name);
            var p = m.get("scorePercentiles");
            System.out.printf("| %s | %.0f | %.0f | %.0f | %d |%n", name.equals("reserveFunction")
                            ? "reserve function through the Lambda handler (SCF)" : "bare TransactWriteItems, same four writes",
                    p.get("50.0").asDouble(), p.get("90.0").asDouble(), p.get("99.0").asDouble(),
                    sampleCount(m));
        }
        var f = byName.get("reserveFunction").get("scorePercentiles");
        var b = byName.get("bareTransactWrite").get("scorePercentiles");
        System.out.printf("ratio function / bare: p50 %.2f (goal <= 1.2), p99 %.2f%n",
                f.get("50.0").asDouble() / b.get("50.0").asDouble(), f.get("99.0").asDouble() / b.get("99.0").asDouble());
    }

    private static String format(List<Double> values) {
        return values.stream().map(v -> String.format("%.2f", v)).toList().toString();
    }

    /** The local stack's demo catalogue, through the import (the functions read products and stores from the Catalog table). */
    static void demoCatalog(DynamoDbClient client) throws java.io.IOException {
        var catalog = new com.omnicanal.catalog.dynamo.DynamoCatalog(client, TableNames.defaults().catalog(),
                java.time.ZoneId.of("Europe/Paris"));
        var journeys = com.omnicanal.catalog.CatalogJourneys.of(catalog,
                new com.omnicanal.catalog.dynamo.DynamoCatalogFeeds(client, TableNames.defaults().catalog()),
                com.omnicanal.catalog.StockFigures.NONE, com.omnicanal.catalog.CatalogPolicy.DEFAULT, Clock.systemUTC());
        com.omnicanal.catalog.feed.CatalogFiles.load(journeys, com.omnicanal.shared.Actor.ops("bench"), "demo-catalog",
                Files.readString(Path.of("local/src/main/resources/demo/products.jsonl")),
                Files.readString(Path.of("local/src/main/resources/demo/stores.json")));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
    }

    /** Starts DynamoDB Local with the tables and the bench's stock, prints its endpoint and waits (manual profiling). */
    static void serve() throws Exception {
        var dynamo = DynamoServer.start();
        try (var client = DynamoDbLocalServer.client(dynamo.endpoint)) {
            TableDefinitions.createAll(client, TableNames.defaults());
            demoCatalog(client);
            stock(client, SKU, STORE, 100_000_000);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dynamo.close();
            } catch (Exception ignored) {
                // ending anyway
            }
        }));
        System.out.println("serving " + dynamo.endpoint);
        System.out.flush();
        Thread.currentThread().join();
    }

    private static long sampleCount(JsonNode metric) {
        long n = 0;
        for (var fork : metric.get("rawDataHistogram")) {
            for (var iteration : fork) {
                for (var bucket : iteration) n += bucket.get(1).asLong();
            }
        }
        return n;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 3. Contention

    static void contention(String endpoint, int rounds) throws Exception {
        var settings = new Settings(Map.of("DYNAMODB_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3"));
        var client = DynamoDbLocalServer.client(endpoint);
        var wiring = new Wiring(settings, client, Clock.systemUTC());
        var router = wiring.reservationApi();
        var template = Files.readString(Path.of("events/post-reservation.json"));
        var loader = Bench.class.getClassLoader();
        var reader = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        int units = 300;
        System.out.printf("%n## Contention: N concurrent reservers, 1 unit each, on one SKU at one store holding %d units "
                + "(%d rounds each; through the reserve function's router and its TransactWriteItems)%n", units, rounds);
        System.out.println("| reservers | median reservations/s | min | max | held | refused (sold out) | errors | oversold |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int threads : new int[] {1, 2, 4, 8}) {
            var rates = new ArrayList<Double>();
            long held = 0;
            long refused = 0;
            long errors = 0;
            long oversold = 0;
            for (int round = 0; round < rounds; round++) {
                stock(client, SKU, STORE, units);
                var ok = new AtomicInteger();
                var soldOut = new AtomicInteger();
                var failed = new AtomicInteger();
                var ready = new CountDownLatch(threads);
                var go = new CountDownLatch(1);
                var workers = new ArrayList<Thread>();
                for (int t = 0; t < threads; t++) {
                    int id = t;
                    var worker = new Thread(() -> {
                        ready.countDown();
                        try {
                            go.await();
                            while (true) {
                                var event = reader.fromJson(new java.io.ByteArrayInputStream(template
                                        .replace("cust-camille", "cust-bench-" + id)
                                        .replace("3f1c9a52-6d0e-4b7a-9f43-2e8d5c1b7a60", UUID.randomUUID().toString())
                                        .getBytes(StandardCharsets.UTF_8)));
                                int status = router.apply(event).getStatusCode();
                                if (status == 201) ok.incrementAndGet();
                                else if (status == 409) {
                                    soldOut.incrementAndGet();
                                    return;
                                } else if (failed.incrementAndGet() > 50) return;
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    });
                    workers.add(worker);
                    worker.start();
                }
                ready.await();
                long start = System.nanoTime();
                go.countDown();
                for (var worker : workers) worker.join();
                double seconds = (System.nanoTime() - start) / 1e9;
                rates.add(ok.get() / seconds);
                // the invariants, read back from the table
                var item = client.getItem(r -> r.tableName("Stock").consistentRead(true)
                        .key(StockItem.key(SKU, STORE))).item();
                int onHand = Integer.parseInt(item.get("onHand").n());
                int reserved = Integer.parseInt(item.get("reserved").n());
                int available = Integer.parseInt(item.get("available").n());
                if (reserved != ok.get() || available != onHand - reserved) {
                    throw new IllegalStateException("stock item disagrees with the holds: " + item + ", held " + ok.get());
                }
                oversold += Math.max(0, ok.get() - units) + Math.max(0, -available);
                held += ok.get();
                refused += soldOut.get();
                errors += failed.get();
            }
            System.out.printf("| %d | %.0f | %.0f | %.0f | %d | %d | %d | %d |%n", threads, medianD(rates),
                    rates.stream().mapToDouble(d -> d).min().orElse(0), rates.stream().mapToDouble(d -> d).max().orElse(0),
                    held, refused, errors, oversold);
        }
        System.out.println("After every run: reserved = successful holds, available = onHand - reserved, never below 0.");
        client.close();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // 4. Local stack

    static void localStack(int runs) throws Exception {
        System.out.printf("%n## Local stack: command to first 200 on /_local/health vs DynamoDB Local's own start (%d runs each, alternating)%n", runs);
        var stack = new ArrayList<Long>();
        var ddb = new ArrayList<Long>();
        for (int run = 0; run < runs; run++) {
            int port = DynamoDbLocalServer.freePort();
            ddb.add(DynamoServer.timeToServe(port));
            port = DynamoDbLocalServer.freePort();
            var builder = new ProcessBuilder("bash", "local.sh").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("PORT", Integer.toString(port));
            long start = System.nanoTime();
            var process = builder.start();
            try {
                waitFor200("http://127.0.0.1:" + port + "/_local/health", process);
                stack.add((System.nanoTime() - start) / 1_000_000);
            } finally {
                stop(process);
            }
        }
        System.out.println("| what | median ms | min | max |");
        System.out.println("| --- | ---: | ---: | ---: |");
        System.out.printf("| `./local.sh` to first 200 on /_local/health | %d | %d | %d |%n", medianL(stack),
                stack.stream().min(Long::compare).orElse(0L), stack.stream().max(Long::compare).orElse(0L));
        System.out.printf("| DynamoDB Local alone: `java ... DynamoDbLocalServer` to first ListTables | %d | %d | %d |%n",
                medianL(ddb), ddb.stream().min(Long::compare).orElse(0L), ddb.stream().max(Long::compare).orElse(0L));
        System.out.printf("local stack: %.1f s median (goal <= 5 s), %.2f x DynamoDB Local's own start%n",
                medianL(stack) / 1000.0, (double) medianL(stack) / medianL(ddb));
    }

    private static void waitFor200(String url, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException(url + ": the process ended");
            try {
                var connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(200);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() == 200) return;
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(url + " never answered 200");
    }

    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** DynamoDB Local in its own process, with the flags local.sh gives the local stack. */
    static final class DynamoServer implements AutoCloseable {
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

    static void stock(DynamoDbClient client, String sku, String store, int units) {
        client.putItem(r -> r.tableName("Stock").item(StockItem.of(new StockLevel(sku, store, units, 0))));
    }

    private static String lib(String prefix) throws Exception {
        try (var files = Files.list(Path.of("bench/target/lib"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + " in bench/target/lib")).toString();
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static long median(List<long[]> samples, int index) {
        var values = samples.stream().mapToLong(s -> s[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static long min(List<long[]> samples, int index) {
        return samples.stream().mapToLong(s -> s[index]).min().orElse(0);
    }

    private static long max(List<long[]> samples, int index) {
        return samples.stream().mapToLong(s -> s[index]).max().orElse(0);
    }

    private static String perRunRatios(List<long[]> a, List<long[]> b) {
        var ratios = new double[a.size()];
        for (int i = 0; i < a.size(); i++) ratios[i] = (double) a.get(i)[0] / b.get(i)[0];
        Arrays.sort(ratios);
        return String.format("%.2f to %.2f", ratios[0], ratios[ratios.length - 1]);
    }

    private static long medianL(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static double medianD(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
