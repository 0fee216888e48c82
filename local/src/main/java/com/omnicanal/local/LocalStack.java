package com.omnicanal.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.OmnicanalApplication;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.config.Settings;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.FunctionalSpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole backend on one machine with no AWS account and no Docker: DynamoDB Local in this JVM, demo data, and a
 * gateway on 127.0.0.1 that serves template.yaml's routes through the same Spring Cloud Functions the Lambdas run.
 */
public final class LocalStack implements AutoCloseable {
    private final DynamoDbLocal dynamo;
    private final ConfigurableApplicationContext spring;
    private final LocalGateway gateway;
    private final DemoData demo;
    private final long readyMillis;

    private LocalStack(int port, Path dataDir) throws Exception {
        long began = System.nanoTime();
        // Spring and DynamoDB Local start side by side: the functions reach the database only on the first request
        var springStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> FunctionalSpringApplication.run(
                new Class<?>[] {OmnicanalApplication.class},
                new String[] {"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN"}));
        this.dynamo = dataDir == null ? DynamoDbLocal.inMemory() : DynamoDbLocal.onDisk(dataDir);
        this.demo = new DemoData();
        demo.loadInto(dynamo.client(), dynamo.tables());
        Wiring.install(new Wiring(Settings.fromEnvironment(), dynamo.client(), Clock.systemUTC()));
        this.spring = springStart.join();
        var catalog = spring.getBean(FunctionCatalog.class);
        Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions = new ConcurrentHashMap<>();
        var tokens = new LocalTokens("http://127.0.0.1:" + port + "/_local", Clock.systemUTC());
        this.gateway = new LocalGateway(port, TemplateRoutes.fromClasspath(),
                name -> functions.computeIfAbsent(name, n -> {
                    Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> f = catalog.lookup(n);
                    if (f == null) throw new IllegalStateException("template.yaml names an unknown function " + n);
                    return f;
                }), tokens);
        gateway.start();
        gateway.ready();
        this.readyMillis = (System.nanoTime() - began) / 1_000_000;
    }

    public static LocalStack start(int port, Path dataDir) throws Exception {
        return new LocalStack(port, dataDir);
    }

    public int port() {
        return gateway.port();
    }

    public long readyMillis() {
        return readyMillis;
    }

    public DynamoDbLocal dynamo() {
        return dynamo;
    }

    @Override
    public void close() {
        gateway.close();
        spring.close();
        dynamo.close();
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        Path dataDir = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) dataDir = Path.of(args[++i]);
        }
        if (dataDir == null && System.getenv("DATA_DIR") != null) dataDir = Path.of(System.getenv("DATA_DIR"));
        var stack = start(port, dataDir);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        var base = "http://127.0.0.1:" + stack.port();
        var customer = stack.demo.customers.get(0);
        var staff = stack.demo.staff.get(0);
        System.out.printf("""

                Omnicanal local stack ready on %1$s in %2$.1f s (JVM start to ready; stack itself %3$d ms)
                  DynamoDB Local: %4$s
                  Health:   %1$s/_local/health
                  Catalog:  %1$s/products   %1$s/stores   %1$s/stock/{sku}
                  Tokens:   POST %1$s/_local/tokens  {"sub": "...", "role": "customer|staff|ops", "storeId": "..."}
                  Demo customers: %5$s   Demo staff: %6$s

                Try it:
                  TOKEN=$(curl -s -X POST %1$s/_local/tokens -d '{"sub":"%7$s","role":"customer"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                  curl -s -X POST %1$s/reservations -H "Authorization: Bearer $TOKEN" -H 'Idempotency-Key: demo-1' \\
                       -H 'Content-Type: application/json' -d '{"sku":"TSH-COT-BLU-M","storeId":"%8$s","quantity":1}'
                """, base, (System.currentTimeMillis() - jvmStart) / 1000.0, stack.readyMillis(),
                dataDir == null ? "in memory (add --data-dir DIR to keep data)" : "on disk in " + dataDir,
                stack.demo.customers.stream().map(DemoData.Customer::id).toList(),
                stack.demo.staff.stream().map(s -> s.id() + "@" + s.storeId()).toList(),
                customer.id(), staff.storeId());
        Thread.currentThread().join();
    }
}
