package com.omnicanal.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.StockItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Whole-process benchmarks for issue 9, each against its baseline in the same run, alternating, median and spread:
 * cold start (Spring Cloud Function handler vs a bare RequestHandler), warm overhead (JMH, see {@link WarmOverhead}),
 * contention on one SKU with the stock invariant checked after every run, local stack start vs DynamoDB Local's.
 * DynamoDB Local runs as a separate server process on 127.0.0.1, as DynamoDB is a network hop for a Lambda.
 * Usage: {@code Bench [lambda|cold|warm|contention|local|stub|cost|scale|all|serve] [runs]}; run from the repository root (bench/run.sh does).
 * {@code -Dbench.beforeJar=<an earlier omnicanal-functions-lambda.jar>} measures it beside the current one.
 * One class per benchmark ({@link LambdaColdStartBench}, {@link WarmOverheadBench}, {@link ContentionBench},
 * {@link LocalStackBench}); this one runs them and holds what they share.
 */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The API functions' Lambda jar; -Dbench.apiJar=... measures another build (e.g. a "before" figure). */
    static final Path API_JAR = Path.of(System.getProperty("bench.apiJar", "functions/target/omnicanal-functions-lambda.jar"));
    /**
     * An earlier build of the same jar (-Dbench.beforeJar=...): measured in the same run, alternating with the current
     * one, as "scf-before" (cold) and as its own JMH runs (warm), each against the same bare baseline.
     */
    static final Path BEFORE_JAR = System.getProperty("bench.beforeJar") == null ? null
            : Path.of(System.getProperty("bench.beforeJar"));
    static final Path BENCH_JAR = Path.of("bench/target/omnicanal-bench.jar");
    static final String SKU = "TSH-COT-BLU-M";
    static final String STORE = "paris-rivoli";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        var what = args.length > 0 ? args[0] : "all";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        if (what.equals("local") || what.equals("all")) LocalStackBench.run(Math.max(3, runs / 2));
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
            // "cold" was a fresh JVM calling the handler with a null Context; the emulator's measure replaces it
            if (what.equals("lambda") || what.equals("cold") || what.equals("all")) LambdaColdStartBench.run(dynamo.endpoint, runs);
            if (what.equals("warm") || what.equals("all")) WarmOverheadBench.run(dynamo.endpoint);
            if (what.equals("contention") || what.equals("all")) ContentionBench.run(dynamo.endpoint, Math.max(3, runs / 2));
            // issue 22, items 4 to 6: runs is the number of counted rounds
            if (what.equals("stub") || what.equals("all")) StubOverheadBench.run(dynamo.endpoint, Math.max(5, runs * 3), 500);
            if (what.equals("cost") || what.equals("all")) CostBench.run(dynamo.endpoint, Math.max(5, runs * 3));
            // -Dbench.stores=N feeds N stores instead of 100, -Dbench.lines=N lines each instead of 5,000;
            // -Dbench.holds=N open holds (100,000)
            if (what.equals("scale") || what.equals("all")) ScaleBench.run(dynamo.endpoint,
                    Integer.getInteger("bench.stores", 100), Integer.getInteger("bench.lines", 5000),
                    Integer.getInteger("bench.holds", 100_000));
        }
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

    /** The local stack's demo catalogue, through the import (the functions read products and stores from the Catalog table). */
    static void demoCatalog(DynamoDbClient client) throws java.io.IOException {
        var catalog = new com.omnicanal.catalog.dynamo.DynamoCatalog(client, TableNames.defaults().catalog(),
                java.time.ZoneId.of("Europe/Paris"));
        var journeys = com.omnicanal.catalog.CatalogJourneys.of(catalog,
                new com.omnicanal.catalog.dynamo.DynamoCatalogFeeds(client, TableNames.defaults().catalog()),
                com.omnicanal.catalog.StockFigures.NONE, com.omnicanal.catalog.CatalogPolicy.DEFAULT, java.time.Clock.systemUTC());
        com.omnicanal.catalog.feed.CatalogFiles.load(journeys, com.omnicanal.shared.Actor.ops("bench"), "demo-catalog",
                Files.readString(Path.of("local/src/main/resources/demo/products.jsonl")),
                Files.readString(Path.of("local/src/main/resources/demo/stores.json")));
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

    static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
    }

    static void stock(DynamoDbClient client, String sku, String store, int units) {
        client.putItem(r -> r.tableName("Stock").item(StockItem.of(new StockLevel(sku, store, units, 0))));
    }

    static String lib(String prefix) throws Exception {
        try (var files = Files.list(Path.of("bench/target/lib"))) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + prefix + " in bench/target/lib")).toString();
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
