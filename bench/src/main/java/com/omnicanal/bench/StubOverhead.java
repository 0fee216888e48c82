package com.omnicanal.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The warm overhead on a stable measure, in its own JVM (the Lambda jar on its classpath, DYNAMODB_ENDPOINT the loopback
 * stub): rounds of the reserve function through the Lambda handler alternate with rounds of the bare TransactWriteItems
 * and of the same bare writes after the function's catalogue reads; per request, wall time, this thread's CPU time
 * and its allocated bytes. Prints one line per counted round pair.
 * Usage: {@code StubOverhead <event file> <rounds> <requests per round>}.
 */
public final class StubOverhead {
    private static final AtomicLong KEYS = new AtomicLong();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private StubOverhead() {
    }

    interface Call {
        void run() throws Exception;
    }

    /** One round: median and 99th percentile wall µs, mean CPU µs and mean allocated KB per request. */
    record Round(double p50, double p99, double cpu, double allocatedKb) {
    }

    public static void main(String[] args) throws Exception {
        var event = Files.readString(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int requests = Integer.parseInt(args[2]);
        System.setProperty("MAIN_CLASS", "com.omnicanal.OmnicanalApplication");
        var invoker = new FunctionInvoker("reservationApi");
        var pid = ProcessHandle.current().pid();
        Call function = () -> {
            var body = event.replace("IDEMPOTENCY_KEY", "stub-" + pid + "-" + KEYS.incrementAndGet());
            var out = new ByteArrayOutputStream(1024);
            invoker.handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out, null);
            if (!out.toString(StandardCharsets.UTF_8).contains("\"statusCode\":201")) {
                throw new IllegalStateException("the function did not hold: " + out);
            }
        };
        Call bare = () -> BareReserveHandler.write("cust-bench", "TSH-COT-BLU-M", "paris-rivoli", 1,
                "bare-" + pid + "-" + KEYS.incrementAndGet());
        // the same writes after the reads the function makes, through the catalogue's adapter: product and store one
        // after the other (-Dbench.reads=two, the jars before issue 22's reserve path change) or together (one)
        var catalog = new com.omnicanal.catalog.dynamo.DynamoCatalog(BareReserveHandler.client(), "Catalog",
                java.time.ZoneId.of("Europe/Paris"));
        boolean together = System.getProperty("bench.reads", "one").equals("one");
        Call bareWithReads = () -> {
            if (together) {
                var read = catalog.productAndStore("TSH-COT-BLU-M", "paris-rivoli");
                read.product().orElseThrow();
                read.store().orElseThrow();
            } else {
                catalog.product("TSH-COT-BLU-M").orElseThrow();
                catalog.store("paris-rivoli").orElseThrow();
            }
            BareReserveHandler.write("cust-bench", "TSH-COT-BLU-M", "paris-rivoli", 1,
                    "bare-" + pid + "-" + KEYS.incrementAndGet());
        };
        var sides = List.of(function, bare, bareWithReads);
        // warm-up: every side until C1 has compiled what it runs (uncounted)
        for (int i = 0; i < 4; i++) {
            for (var side : sides) round(side, requests);
        }
        for (int r = 0; r < rounds; r++) {
            // each round starts with another side, so none always follows the same one
            var results = new Round[3];
            for (int k = 0; k < 3; k++) {
                int s = (r + k) % 3;
                results[s] = round(sides.get(s), requests);
            }
            var line = new StringBuilder("ROUND");
            for (var x : results) line.append(String.format(" %.1f %.1f %.1f %.2f", x.p50, x.p99, x.cpu, x.allocatedKb));
            System.out.println(line);
        }
    }

    static Round round(Call call, int requests) throws Exception {
        var wall = new long[requests];
        long thread = Thread.currentThread().getId();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long bytes0 = THREADS.getThreadAllocatedBytes(thread);
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            call.run();
            wall[i] = System.nanoTime() - t0;
        }
        long cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        long bytes = THREADS.getThreadAllocatedBytes(thread) - bytes0;
        Arrays.sort(wall);
        return new Round(wall[requests / 2] / 1e3, wall[(int) (requests * 0.99)] / 1e3, cpu / 1e3 / requests,
                bytes / 1024.0 / requests);
    }

}
