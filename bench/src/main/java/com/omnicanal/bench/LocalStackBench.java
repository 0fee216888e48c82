package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.stop;

import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Local stack: ./local.sh to its first 200 on /_local/health vs DynamoDB Local's own start. */
final class LocalStackBench {
    private LocalStackBench() {
    }

    static void run(int runs) throws Exception {
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

    private static long medianL(List<Long> values) {
        var sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
