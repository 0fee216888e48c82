package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.API_JAR;
import static com.omnicanal.bench.Bench.BEFORE_JAR;
import static com.omnicanal.bench.Bench.BENCH_JAR;
import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;
import static com.omnicanal.bench.Bench.functionEnvironment;
import static com.omnicanal.bench.Bench.java;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Cold start: a fresh JVM to the first response of POST /reservations, Spring Cloud Function vs a bare handler. */
final class ColdStartBench {
    private ColdStartBench() {
    }

    static void run(String endpoint, int runs) throws Exception {
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
}
