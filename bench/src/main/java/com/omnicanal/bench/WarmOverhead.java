package com.omnicanal.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Warm latency of the reserve function through the Lambda handler (event JSON in, response JSON out) against the
 * same four writes as one bare TransactWriteItems, both on the DynamoDB Local server named by DYNAMODB_ENDPOINT.
 * Run by {@link Bench} (which starts that server and sets the environment), sample-time mode for p50 and p99.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmOverhead {
    private static final AtomicLong KEYS = new AtomicLong();
    private FunctionInvoker invoker;
    private String event;

    @Setup
    public void setUp() throws Exception {
        System.setProperty("MAIN_CLASS", "com.omnicanal.OmnicanalApplication");
        invoker = new FunctionInvoker("reservationApi");
        event = Files.readString(Path.of(System.getProperty("bench.event")));
    }

    @Benchmark
    public int reserveFunction() throws Exception {
        var body = event.replace("IDEMPOTENCY_KEY", "warm-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet());
        var out = new ByteArrayOutputStream(1024);
        invoker.handleRequest(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.size();
    }

    @Benchmark
    public String bareTransactWrite() {
        return BareReserveHandler.write("cust-bench", "TSH-COT-BLU-M", "paris-rivoli", 1,
                "bare-" + ProcessHandle.current().pid() + "-" + KEYS.incrementAndGet());
    }
}
