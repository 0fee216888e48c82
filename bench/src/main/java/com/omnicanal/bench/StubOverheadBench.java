package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.API_JAR;
import static com.omnicanal.bench.Bench.BEFORE_JAR;
import static com.omnicanal.bench.Bench.BENCH_JAR;
import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;
import static com.omnicanal.bench.Bench.functionEnvironment;
import static com.omnicanal.bench.Bench.java;
import static com.omnicanal.bench.Bench.lib;
import static com.omnicanal.bench.Bench.reservationEvent;
import static com.omnicanal.bench.Bench.stock;
import static com.omnicanal.bench.Bench.templateJavaToolOptions;

import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Item 4 of issue 22: the warm overhead with DynamoDB replaced by {@link DynamoReplayStub} (loopback, answers at once),
 * measured by {@link StubOverhead} in its own JVM with the Lambda jar and template.yaml's JVM options; with
 * -Dbench.beforeJar=..., an earlier build of the jar in the same run, their JVMs alternating.
 */
final class StubOverheadBench {
    private StubOverheadBench() {
    }

    static void run(String dynamoEndpoint, int rounds, int requests) throws Exception {
        try (var client = DynamoDbLocalServer.client(dynamoEndpoint)) {
            stock(client, SKU, STORE, 100_000_000);
        }
        var event = Files.createTempFile("stub-event", ".json");
        Files.writeString(event, reservationEvent("IDEMPOTENCY_KEY"));
        // with -Dbench.beforeJar, the two builds in alternating JVMs (before, after, before, after), half the rounds each
        var before = new ArrayList<double[]>();
        var after = new ArrayList<double[]>();
        try (var stub = new DynamoReplayStub(dynamoEndpoint)) {
            if (BEFORE_JAR == null) {
                after.addAll(child(stub, event, API_JAR, "one", rounds, requests));
            } else {
                int half = (rounds + 1) / 2;
                for (int pass = 0; pass < 2; pass++) {
                    before.addAll(child(stub, event, BEFORE_JAR, "two", half, requests));
                    after.addAll(child(stub, event, API_JAR, "one", half, requests));
                }
            }
            System.out.printf("%n## Warm overhead against a loopback DynamoDB stub (%d rounds of %d requests each side, "
                    + "alternating, after 4 uncounted; %s)%n", rounds, requests, templateJavaToolOptions());
            System.out.printf("stub: %d calls answered from memory, %d passed to DynamoDB Local (learning)%n",
                    stub.replayed.get(), stub.forwarded.get());
            stub.forwardedByCall.entrySet().stream().filter(e -> e.getValue().get() > 10)
                    .forEach(e -> System.out.println("  passed through more than 10 times: " + e.getKey() + " x" + e.getValue()));
        }
        Files.deleteIfExists(event);
        if (!before.isEmpty()) {
            System.out.println("### before: " + BEFORE_JAR + " (bare side: after product and store read one after the other)");
            table(before);
            System.out.println("### after: " + API_JAR + " (bare side: after product and store read in one BatchGetItem)");
        }
        table(after);
        if (!before.isEmpty()) {
            System.out.println("| reserve function, after / before | wall p50 | wall p99 | CPU | allocated |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            var line = new StringBuilder("| ratio of the medians |");
            for (int k = 0; k < 4; k++) {
                int i = k;
                line.append(String.format(" %.2f |", median(after.stream().map(r -> r[i]).toList())
                        / median(before.stream().map(r -> r[i]).toList())));
            }
            System.out.println(line);
        }
    }

    /** One JVM of {@link StubOverhead} on that jar: its counted rounds, each side's four figures. */
    private static List<double[]> child(DynamoReplayStub stub, java.nio.file.Path event, java.nio.file.Path jar, String reads,
                                        int rounds, int requests) throws Exception {
        var rows = new ArrayList<double[]>();
        var classpath = String.join(File.pathSeparator, jar.toString(), BENCH_JAR.toString(),
                lib("aws-lambda-java-core"), lib("aws-lambda-java-serialization"));
        var command = new ArrayList<>(List.of(java()));
        command.addAll(List.of(templateJavaToolOptions().split("\\s+")));
        // e.g. -Dbench.profile=-XX:StartFlightRecording=filename=stub.jfr,settings=profile for where the time goes
        var profile = System.getProperty("bench.profile");
        if (profile != null) command.addAll(List.of(profile.split("\\s+")));
        command.addAll(List.of("-Dbench.reads=" + reads, "-cp", classpath, StubOverhead.class.getName(), event.toString(),
                Integer.toString(rounds), Integer.toString(requests)));
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        functionEnvironment(builder.environment(), stub.endpoint());
        var process = builder.start();
        var log = new StringBuilder();
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ROUND ")) {
                    var parts = line.substring(6).trim().split(" ");
                    var row = new double[parts.length];
                    for (int i = 0; i < parts.length; i++) row[i] = Double.parseDouble(parts[i]);
                    rows.add(row);
                } else if (log.length() < 20_000) {
                    log.append(line).append('\n');
                }
            }
        }
        if (process.waitFor() != 0 || rows.isEmpty()) throw new IllegalStateException("StubOverhead failed:\n" + log);
        return rows;
    }

    private static void table(List<double[]> rows) {
        System.out.println("| per request (median of the rounds) | reserve function, Lambda handler | bare TransactWriteItems "
                + "| ratio to bare | bare after the same catalogue reads | ratio to it |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: |");
        String[] names = {"wall p50 µs", "wall p99 µs", "CPU µs (this thread)", "allocated KB"};
        for (int i = 0; i < 4; i++) {
            int k = i;
            var f = median(rows.stream().map(r -> r[k]).toList());
            var b = median(rows.stream().map(r -> r[k + 4]).toList());
            var br = median(rows.stream().map(r -> r[k + 8]).toList());
            var ratios = rows.stream().map(r -> r[k] / r[k + 4]).sorted().toList();
            var ratiosReads = rows.stream().map(r -> r[k] / r[k + 8]).sorted().toList();
            System.out.printf("| %s | %.1f | %.1f | %.2f (rounds %.2f to %.2f) | %.1f | %.2f (rounds %.2f to %.2f) |%n",
                    names[i], f, b, median(ratios), ratios.get(0), ratios.get(ratios.size() - 1), br,
                    median(ratiosReads), ratiosReads.get(0), ratiosReads.get(ratiosReads.size() - 1));
        }
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
