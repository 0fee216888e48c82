package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.omnicanal.Functions;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import com.omnicanal.stock.dynamo.StockItem;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Issue 22, item 6, on the DynamoDB Local server: the stores' stock feeds at the aggregator's pace (seed 004: every
 * 5 minutes), the reservation sweeper among 100,000 open holds, and one hot SKU under 100 concurrent reservations.
 * Every DynamoDB call is metered by {@link ConsumedCapacityMeter}.
 */
final class ScaleBench {
    private ScaleBench() {
    }

    static void run(String endpoint, int stores, int linesPerStore, int openHolds) throws Exception {
        var meter = new ConsumedCapacityMeter();
        var client = meter.client(endpoint);
        System.out.printf("%n## Scale (issue 22, item 6), DynamoDB Local as a server on 127.0.0.1%n");
        // -Dbench.scale=hot,sweeper,feeds runs some of them
        var parts = System.getProperty("bench.scale", "hot,sweeper,feeds");
        // the sweeper first: the hot SKU's holds would otherwise be among the due ones, on a stock item reset between rounds
        if (parts.contains("sweeper")) sweeper(endpoint, meter, client, openHolds);
        if (parts.contains("hot")) hotSku(endpoint, meter, client);
        if (parts.contains("feeds")) storeFeeds(meter, client, stores, linesPerStore);
        if (!meter.errors.isEmpty()) System.out.println("answers other than 200 (retried by the SDK or not): " + meter.errors);
    }

    /** 100 customers reserve the last units of one SKU at once, through the reserve function's router. */
    static void hotSku(String endpoint, ConsumedCapacityMeter meter, DynamoDbClient client) throws Exception {
        int reservers = 100;
        int units = 50;
        var wiring = new Wiring(new Settings(Map.of("DYNAMODB_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3")), client,
                Clock.systemUTC());
        var router = wiring.reservationApi();
        var template = Files.readString(Path.of("events/post-reservation.json"));
        var reader = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, ScaleBench.class.getClassLoader());
        Function<Integer, APIGatewayV2HTTPEvent> event = id -> reader.fromJson(new ByteArrayInputStream(template
                .replace("cust-camille", "cust-hot-" + id)
                .replace("3f1c9a52-6d0e-4b7a-9f43-2e8d5c1b7a60", UUID.randomUUID().toString())
                .getBytes(StandardCharsets.UTF_8)));
        // one warm-up reservation, so the first calls' class loading does not skew the race
        Bench.stock(client, SKU, STORE, 1);
        router.apply(event.apply(-1));
        System.out.printf("%n### A hot SKU: %d customers reserve 1 unit each at once, %d units on hand (3 rounds)%n",
                reservers, units);
        System.out.println("| round | wall ms | held | refused (409) | other answers | transactions cancelled for a conflict "
                + "(each retried) | cancelled by the stock condition | HTTP attempts / calls | oversold |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int round = 1; round <= 3; round++) {
            Bench.stock(client, SKU, STORE, units);
            long conflicts0 = meter.conflicts.sum();
            long conditions0 = meter.conditionsFailed.sum();
            long attempts0 = meter.attempts.sum();
            long calls0 = meter.calls.sum();
            var held = new AtomicInteger();
            var refused = new AtomicInteger();
            var other = new AtomicInteger();
            var ready = new CountDownLatch(reservers);
            var go = new CountDownLatch(1);
            var threads = new ArrayList<Thread>();
            for (int t = 0; t < reservers; t++) {
                var e = event.apply(t);
                var thread = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        int status = router.apply(e).getStatusCode();
                        if (status == 201) held.incrementAndGet();
                        else if (status == 409) refused.incrementAndGet();
                        else other.incrementAndGet();
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    } catch (RuntimeException ex) {
                        other.incrementAndGet();
                    }
                });
                threads.add(thread);
                thread.start();
            }
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (var thread : threads) thread.join();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            var item = client.getItem(r -> r.tableName("Stock").consistentRead(true).key(StockItem.key(SKU, STORE))).item();
            int reserved = Integer.parseInt(item.get("reserved").n());
            int available = Integer.parseInt(item.get("available").n());
            int oversold = Math.max(0, held.get() - units) + Math.max(0, -available) + Math.abs(reserved - held.get());
            System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d / %d | %d |%n", round, ms, held.get(), refused.get(),
                    other.get(), meter.conflicts.sum() - conflicts0, meter.conditionsFailed.sum() - conditions0,
                    meter.attempts.sum() - attempts0, meter.calls.sum() - calls0, oversold);
        }
        System.out.println("oversold = holds beyond the units on hand, plus available below 0, plus any gap between the "
                + "stock item's reserved count and the holds answered 201 (read back after each round).");
    }

    /** The reservation sweeper among {@code openHolds} open holds: 100 due, then 10,000 due. */
    static void sweeper(String endpoint, ConsumedCapacityMeter meter, DynamoDbClient client, int openHolds) throws Exception {
        var base = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(30));
        var sku = "SWEEP-SKU";
        var store = "paris-rivoli";
        int firstDue = 100;
        int secondDue = 10_000;
        long t0 = System.nanoTime();
        var plain = DynamoDbLocalServer.client(endpoint);
        plain.putItem(r -> r.tableName("Stock").item(StockItem.of(new StockLevel(sku, store, openHolds, 0))));
        // the holds' units are set aside on the stock item, as the reserve function leaves them
        plain.updateItem(r -> r.tableName("Stock").key(StockItem.key(sku, store))
                .updateExpression("SET reserved = :n, available = :z")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(openHolds)),
                        ":z", AttributeValue.fromN("0"))));
        var batch = new ArrayList<WriteRequest>();
        var pool = Executors.newFixedThreadPool(4);
        var futures = new ArrayList<java.util.concurrent.Future<?>>();
        for (int i = 0; i < openHolds; i++) {
            // 100 run out at base + 1 h, 10,000 at base + 2 h, the rest days later
            var expires = i < firstDue ? base.plus(Duration.ofHours(1))
                    : i < firstDue + secondDue ? base.plus(Duration.ofHours(2)) : base.plus(Duration.ofDays(2));
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(hold(i, sku, store, expires)).build()).build());
            if (batch.size() == 25) {
                var items = List.copyOf(batch);
                futures.add(pool.submit(() -> writeAll(plain, items)));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) writeAll(plain, batch);
        for (var f : futures) f.get();
        pool.shutdown();
        System.out.printf("%n### The reservation sweeper among %,d open holds (written in %.0f s)%n", openHolds,
                (System.nanoTime() - t0) / 1e9);
        System.out.println("| due | released | wall s | read units | write units (reported) | calls | reads per released hold |");
        System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var at : List.of(base.plus(Duration.ofMinutes(90)), base.plus(Duration.ofMinutes(150)))) {
            var wiring = new Wiring(new Settings(Map.of("DYNAMODB_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3")),
                    client, Clock.fixed(at, ZoneOffset.UTC));
            @SuppressWarnings("unchecked")
            var sweep = (Function<ScheduledEvent, Object>) Functions.named("reservationSweeper").orElseThrow().build(wiring);
            var mark = meter.mark();
            long s0 = System.nanoTime();
            var result = (com.omnicanal.reservation.api.ReservationSweeper.SweepResult) sweep.apply(new ScheduledEvent());
            double seconds = (System.nanoTime() - s0) / 1e9;
            var d = meter.mark().minus(mark);
            int due = at.isBefore(base.plus(Duration.ofHours(2))) ? firstDue : secondDue;
            System.out.printf("| %,d | %,d | %.1f | %,.1f | %,.0f | %,d | %.3f |%n", due, result.released(), seconds, d.read(),
                    d.billedWrite(), d.calls(), d.read() / Math.max(1, result.released()));
        }
        plain.close();
    }

    private static Object writeAll(DynamoDbClient dynamo, List<WriteRequest> items) {
        Map<String, List<WriteRequest>> pending = Map.of("Orders", items);
        while (!pending.isEmpty()) {
            var now = pending;
            var response = dynamo.batchWriteItem(r -> r.requestItems(now));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
        return null;
    }

    /** A held reservation as the reserve function writes it (ReservationItem's attributes). */
    private static Map<String, AttributeValue> hold(int i, String sku, String store, Instant expires) {
        var created = expires.minus(Duration.ofHours(48));
        var id = String.format("sweep-%08d", i);
        var item = new HashMap<String, AttributeValue>();
        item.put("id", AttributeValue.fromS(id));
        item.put("type", AttributeValue.fromS("RESERVATION"));
        item.put("customerId", AttributeValue.fromS("cust-sweep-" + (i % 5000)));
        item.put("createdAt", AttributeValue.fromS(Instants.format(created)));
        item.put("updatedAt", AttributeValue.fromS(Instants.format(created)));
        item.put("expiresAt", AttributeValue.fromS(Instants.format(expires)));
        item.put("storeId", AttributeValue.fromS(store));
        item.put("storeStatusKey", AttributeValue.fromS("RESERVATION#HELD#" + Instants.format(created) + "#" + id));
        item.put("openStatus", AttributeValue.fromS(com.omnicanal.reservation.dynamo.ExpiryShards.of(id)));
        item.put("sku", AttributeValue.fromS(sku));
        item.put("productName", AttributeValue.fromS("T-shirt coton bleu M"));
        item.put("storeName", AttributeValue.fromS("Paris Rivoli"));
        item.put("quantity", AttributeValue.fromN("1"));
        item.put("status", AttributeValue.fromS("HELD"));
        return item;
    }

    /**
     * Every store sends its whole count (linesPerStore lines, in feeds of StockFeed.MAX_LINES) through the stock ledger,
     * the stores side by side as separate Lambda invocations would be; three cycles: the first creates the stock items,
     * the second changes 5 % of the counts (the steady state), the third all of them (the worst case). Then one
     * 1,000-line feed alone, every line changed, its lines written one at a time and 16 at a time, alternating.
     */
    static void storeFeeds(ConsumedCapacityMeter meter, DynamoDbClient client, int stores, int linesPerStore) throws Exception {
        var ledger = new DynamoStockLedger(client, "Stock");
        int perFeed = com.omnicanal.stock.StockFeed.MAX_LINES;
        int threads = Math.min(stores, 16);
        System.out.printf("%n### Store stock feeds: %d stores x %,d lines (feeds of %,d lines), %d stores at a time, "
                + "%d lines at a time within a feed%n", stores, linesPerStore, perFeed, threads, DynamoStockLedger.PARALLEL_LINES);
        System.out.println("| cycle | lines | written | wall s | lines/s | write units | read units | calls | slowest store s "
                + "| slowest feed s | fits in 5 min here |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        String[] names = {"", "first (creates the items)", "5 % of the counts changed", "every count changed"};
        for (int cycle = 1; cycle <= 3; cycle++) {
            int c = cycle;
            var mark = meter.mark();
            var pool = Executors.newFixedThreadPool(threads);
            var slowest = new java.util.concurrent.atomic.AtomicLong();
            var slowestFeed = new java.util.concurrent.atomic.AtomicLong();
            var written = new java.util.concurrent.atomic.AtomicLong();
            long t0 = System.nanoTime();
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (int s = 0; s < stores; s++) {
                var storeId = String.format("store-%03d", s);
                futures.add(pool.submit(() -> {
                    long s0 = System.nanoTime();
                    for (int feed = 0; feed * perFeed < linesPerStore; feed++) {
                        var lines = new ArrayList<com.omnicanal.stock.StockFeed.Line>();
                        for (int line = feed * perFeed; line < Math.min(linesPerStore, (feed + 1) * perFeed); line++) {
                            lines.add(new com.omnicanal.stock.StockFeed.Line(String.format("SKU-%05d", line), count(c, line)));
                        }
                        long f0 = System.nanoTime();
                        written.addAndGet(applyFeed(ledger, storeId, c * 100L + feed, lines));
                        slowestFeed.accumulateAndGet(System.nanoTime() - f0, Math::max);
                    }
                    slowest.accumulateAndGet(System.nanoTime() - s0, Math::max);
                    return null;
                }));
            }
            for (var f : futures) f.get();
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            var d = meter.mark().minus(mark);
            long lines = (long) stores * linesPerStore;
            System.out.printf("| %s | %,d | %,d | %.1f | %,.0f | %,.0f | %,.0f | %,d | %.1f | %.1f | %s |%n", names[cycle],
                    lines, written.get(), seconds, lines / seconds, d.billedWrite(), d.read(), d.calls(),
                    slowest.get() / 1e9, slowestFeed.get() / 1e9, seconds <= 300 ? "yes" : "no");
        }
        var one = new DynamoStockLedger(client, "Stock", 1);
        System.out.printf("%n### One feed of %,d lines alone, every line changed: lines one at a time vs %d at a time "
                + "(3 rounds each, alternating, after one uncounted)%n", perFeed, DynamoStockLedger.PARALLEL_LINES);
        System.out.println("| round | one at a time s | 16 at a time s | ratio |");
        System.out.println("| ---: | ---: | ---: | ---: |");
        long sequence = 1_000;
        for (int round = 0; round <= 3; round++) {
            double[] secs = new double[2];
            for (int side = 0; side < 2; side++) {
                var lines = new ArrayList<com.omnicanal.stock.StockFeed.Line>();
                long seq = ++sequence;
                for (int line = 0; line < perFeed; line++) {
                    lines.add(new com.omnicanal.stock.StockFeed.Line(String.format("SKU-%05d", line), (int) (seq % 2) * 50 + line % 7));
                }
                long f0 = System.nanoTime();
                applyFeed(side == 0 ? one : ledger, "store-solo", seq, lines);
                secs[side] = (System.nanoTime() - f0) / 1e9;
            }
            if (round > 0) System.out.printf("| %d | %.2f | %.2f | %.1f |%n", round, secs[0], secs[1], secs[0] / secs[1]);
        }
    }

    /** Cycle 1 sets a count per line; cycle 2 changes one line in 20; cycle 3 changes every line. */
    private static int count(int cycle, int line) {
        int first = 10 + line % 7;
        if (cycle == 1) return first;
        int second = line % 20 == 0 ? first + 1 : first;
        return cycle == 2 ? second : 30 + line % 7;
    }

    /** What StockService.applyFeed does once the feed is validated; returns the lines written. */
    private static int applyFeed(DynamoStockLedger ledger, String storeId, long sequence,
                                 List<com.omnicanal.stock.StockFeed.Line> lines) {
        var claim = ledger.claimFeed(storeId, sequence, Instant.now());
        if (!claim.claimed()) throw new IllegalStateException("feed " + sequence + " of " + storeId + " refused");
        var current = claim.olderInFlight() ? Map.<String, Integer>of()
                : ledger.onHandAt(storeId, lines.stream().map(com.omnicanal.stock.StockFeed.Line::sku).toList());
        var changed = lines.stream().filter(l -> !l.onHand().equals(current.get(l.sku()))).toList();
        ledger.applyCounts(storeId, sequence, changed);
        ledger.recordFeed(storeId, sequence);
        return changed.size();
    }
}
