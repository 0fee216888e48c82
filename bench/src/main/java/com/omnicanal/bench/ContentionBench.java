package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;
import static com.omnicanal.bench.Bench.stock;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.stock.dynamo.StockItem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Contention: N concurrent reservers on one SKU at one store, the stock invariant checked after every run. */
final class ContentionBench {
    private ContentionBench() {
    }

    static void run(String endpoint, int rounds) throws Exception {
        var settings = new Settings(Map.of("DYNAMODB_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3"));
        var client = DynamoDbLocalServer.client(endpoint);
        var wiring = new Wiring(settings, client, Clock.systemUTC());
        var router = wiring.reservationApi();
        var template = Files.readString(Path.of("events/post-reservation.json"));
        var loader = ContentionBench.class.getClassLoader();
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

    private static double medianD(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
