package com.omnicanal.bench;

import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.ImportingFeeds;
import com.omnicanal.catalog.SearchingProducts;
import com.omnicanal.catalog.StockFigures;
import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.local.GeneratedCatalog;
import com.omnicanal.local.LocalStack;
import com.omnicanal.shared.Actor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;

/**
 * The catalogue at retail size (issue 16): a generated feed of N products (50,000 by default) imported into DynamoDB
 * Local running as its own server (every call an HTTP round trip, as from Lambda), with the capacity DynamoDB reports;
 * the same feed again (a replay) and a weekly price change (1 % of the lines); the search's cost at the start of a
 * container (its listing of the catalogue); then search latency through the local stack's gateway, started with the
 * same generated catalogue. Usage: {@code CatalogBench [products] [requests per query]}, from the repository root.
 */
public final class CatalogBench {
    private static final Actor OPS = Actor.ops("bench");

    private CatalogBench() {
    }

    /**
     * Sums the capacity DynamoDB reports (asked for on every call), and counts the calls. DynamoDB Local reports
     * transactions loosely, so the write units DynamoDB would bill are also computed from what is sent: every action of
     * a transaction costs 2 units per KB of its item (rounded up), a ConditionCheck or a small Update 2.
     */
    static final class Capacity implements ExecutionInterceptor {
        final DoubleAdder billed = new DoubleAdder();
        final DoubleAdder write = new DoubleAdder();
        final DoubleAdder read = new DoubleAdder();
        final LongAdder transactions = new LongAdder();
        final LongAdder calls = new LongAdder();

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            var r = context.request();
            var total = ReturnConsumedCapacity.TOTAL;
            if (r instanceof TransactWriteItemsRequest t) {
                for (var action : t.transactItems()) {
                    billed.add(action.put() != null ? 2 * Math.ceil(size(action.put().item()) / 1024.0) : 2);
                }
                return t.toBuilder().returnConsumedCapacity(total).build();
            }
            if (r instanceof BatchGetItemRequest b) return b.toBuilder().returnConsumedCapacity(total).build();
            if (r instanceof GetItemRequest g) return g.toBuilder().returnConsumedCapacity(total).build();
            if (r instanceof QueryRequest q) return q.toBuilder().returnConsumedCapacity(total).build();
            if (r instanceof ScanRequest s) return s.toBuilder().returnConsumedCapacity(total).build();
            return r;
        }

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            calls.increment();
            var r = context.response();
            if (r instanceof TransactWriteItemsResponse t) {
                transactions.increment();
                t.consumedCapacity().forEach(c -> write.add(units(c)));
            }
            if (r instanceof BatchGetItemResponse b) b.consumedCapacity().forEach(c -> read.add(units(c)));
            if (r instanceof GetItemResponse g && g.consumedCapacity() != null) read.add(units(g.consumedCapacity()));
            if (r instanceof QueryResponse q && q.consumedCapacity() != null) read.add(units(q.consumedCapacity()));
            if (r instanceof ScanResponse s && s.consumedCapacity() != null) read.add(units(s.consumedCapacity()));
        }

        /** An item's size as DynamoDB counts it (names and values; numbers about half their digits). */
        static long size(java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
            long bytes = 0;
            for (var e : item.entrySet()) bytes += e.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + size(e.getValue());
            return bytes;
        }

        private static long size(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
            if (v.s() != null) return v.s().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (v.n() != null) return v.n().length() / 2 + 1;
            if (v.hasM()) return 3 + size(v.m());
            if (v.hasL()) return 3 + v.l().stream().mapToLong(CatalogBench.Capacity::size).sum();
            if (v.hasNs()) return v.ns().stream().mapToLong(n -> n.length() / 2 + 1).sum();
            return 1;
        }

        private static double units(ConsumedCapacity c) {
            return c.capacityUnits() == null ? 0 : c.capacityUnits();
        }

        /** The counts now, to tell what a step added. */
        record Mark(double billed, double write, double read, long transactions, long calls) {
        }

        Mark mark() {
            return new Mark(billed.sum(), write.sum(), read.sum(), transactions.sum(), calls.sum());
        }

        String since(Mark m) {
            return String.format("%,.0f write units reported (%,.0f by item sizes), %,.0f read units, %,d transactions, %,d calls",
                    write.sum() - m.write(), billed.sum() - m.billed(), read.sum() - m.read(), transactions.sum() - m.transactions(),
                    calls.sum() - m.calls());
        }
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        System.out.printf("%n## Catalogue at %,d products%n", size);
        var feed = GeneratedCatalog.feed(size);
        System.out.printf("feed: %,d lines, %.1f MB of JSON lines%n", feed.lines().count(), feed.length() / 1e6);
        try {
            importAndColdStart(size, feed);
            searchThroughTheLocalStack(size, requests);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the local stack's schedulers are not daemons
    }

    static void importAndColdStart(int size, String feed) throws Exception {
        var capacity = new Capacity();
        try (var server = DynamoServer.start()) {
            var client = DynamoDbClient.builder().endpointOverride(URI.create(server.endpoint)).region(Region.EU_WEST_3)
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                    .overrideConfiguration(c -> c.addExecutionInterceptor(capacity)).build();
            TableDefinitions.createAll(client, TableNames.defaults());
            Bench.demoCatalog(client);
            var table = TableNames.defaults().catalog();
            var importing = new ImportingFeeds(new DynamoCatalogFeeds(client, table), CatalogPolicy.DEFAULT, Clock.systemUTC());

            System.out.println("| step | wall time | DynamoDB (as DynamoDB Local reports it) | report |");
            System.out.println("| --- | ---: | --- | --- |");
            step(capacity, "first import (" + size + " products, " + (size - 50) + " new)", () ->
                    importing.apply(OPS, FeedFiles.jsonLines(GeneratedCatalog.feedId(size), feed)).report());
            step(capacity, "the same feed again (a replay)", () ->
                    importing.apply(OPS, FeedFiles.jsonLines(GeneratedCatalog.feedId(size), feed)).report());
            var lines = new ArrayList<>(feed.lines().toList());
            for (int i = 100; i < lines.size(); i += 100) lines.set(i, lines.get(i).replaceFirst("\"priceCents\":(\\d+)", "\"priceCents\":$1" + "1"));
            var weekly = String.join("\n", lines) + "\n";
            step(capacity, "a weekly price change (1 % of the lines changed)", () ->
                    importing.apply(OPS, FeedFiles.jsonLines("weekly-prices", weekly)).report());

            System.out.printf("%n### The search's start in a new container (listing read from the Catalog table, index built)%n");
            System.out.println("| what | ms | DynamoDB |");
            System.out.println("| --- | ---: | --- |");
            for (int run = 0; run < 3; run++) {
                System.gc();
                long heapBefore = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                var search = new SearchingProducts(new DynamoCatalog(client, table, ZoneId.of("Europe/Paris")), StockFigures.NONE,
                        CatalogPolicy.DEFAULT, Clock.systemUTC());
                var mark = capacity.mark();
                long t0 = System.nanoTime();
                search.search(SearchingProducts.Search.text("bleu"));
                long first = System.nanoTime() - t0;
                var first1 = capacity.since(mark);
                System.gc();
                long heapAfter = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
                t0 = System.nanoTime();
                search.search(SearchingProducts.Search.text("bleu"));
                long second = System.nanoTime() - t0;
                System.out.printf("| run %d: first search (listing + index + page) | %d | %s; index about %.0f MB of heap |%n",
                        run + 1, first / 1_000_000, first1, (heapAfter - heapBefore) / 1e6);
                System.out.printf("| run %d: second search (warm) | %d | |%n", run + 1, second / 1_000_000);
            }
        }
    }

    private interface Step {
        Object run() throws Exception;
    }

    private static void step(Capacity capacity, String what, Step step) throws Exception {
        var mark = capacity.mark();
        long t0 = System.nanoTime();
        var report = (com.omnicanal.catalog.FeedReport) step.run();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("| %s | %.1f s | %s | created %,d, changed %,d, unchanged %,d, discontinued %,d, rejected %,d |%n",
                what, ms / 1000.0, capacity.since(mark), report.created(), report.changed(), report.unchanged(),
                report.discontinued(), report.rejected());
    }

    static void searchThroughTheLocalStack(int size, int requests) throws Exception {
        long t0 = System.nanoTime();
        try (var stack = LocalStack.start(DynamoDbLocalServer.freePort(), null, size)) {
            System.out.printf("%n### Search through the local stack's gateway (%,d products; stack ready in %.1f s, import included)%n",
                    size, (System.nanoTime() - t0) / 1e9);
            var http = HttpClient.newHttpClient();
            var base = "http://127.0.0.1:" + stack.port() + "/products?";
            var queries = List.of("q=bleu", "q=cachemire%20rose", "q=zephyr%20echarpe", "category=maison&q=bougie",
                    "q=GTSH-004320", "q=rien-ne-correspond", "q=pull&lat=48.8606&lon=2.3444&radiusKm=5",
                    "q=bleu&limit=100");
            long first = System.nanoTime();
            var firstReply = http.send(HttpRequest.newBuilder(URI.create(base + "q=bleu")).build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("first search after start: %d ms (status %d)%n", (System.nanoTime() - first) / 1_000_000, firstReply.statusCode());
            System.out.println("| query | p50 ms | p99 ms | max ms | items on the first page |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            for (var query : queries) {
                var times = new ArrayList<Long>();
                String body = "";
                for (int i = 0; i < requests + 20; i++) {
                    long s = System.nanoTime();
                    var reply = http.send(HttpRequest.newBuilder(URI.create(base + query)).build(), HttpResponse.BodyHandlers.ofString());
                    long us = (System.nanoTime() - s) / 1000;
                    if (reply.statusCode() != 200) throw new IllegalStateException(query + " -> " + reply.statusCode() + " " + reply.body());
                    if (i >= 20) times.add(us);
                    body = reply.body();
                }
                Collections.sort(times);
                int items = body.split("\"sku\"", -1).length - 1;
                System.out.printf("| `%s` | %.1f | %.1f | %.1f | %d |%n", query, times.get(times.size() / 2) / 1000.0,
                        times.get((int) Math.ceil(times.size() * 0.99) - 1) / 1000.0, times.get(times.size() - 1) / 1000.0, items);
            }
        }
    }
}
