package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.API_JAR;
import static com.omnicanal.bench.Bench.BEFORE_JAR;
import static com.omnicanal.bench.Bench.BENCH_JAR;
import static com.omnicanal.bench.Bench.JSON;
import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;
import static com.omnicanal.bench.Bench.functionEnvironment;
import static com.omnicanal.bench.Bench.java;
import static com.omnicanal.bench.Bench.lib;
import static com.omnicanal.bench.Bench.reservationEvent;
import static com.omnicanal.bench.Bench.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Warm overhead: the reserve function through the Lambda handler vs a bare TransactWriteItems, JMH in its own JVMs. */
final class WarmOverheadBench {
    private WarmOverheadBench() {
    }

    static void run(String endpoint) throws Exception {
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
                lib("jmh-core"), lib("jopt-simple"), lib("commons-math3"),
                // what Lambda's runtime provides, and the jar leaves out
                lib("aws-lambda-java-core"), lib("aws-lambda-java-serialization"));
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

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(d -> d).average().orElse(0);
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
}
