package com.omnicanal.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.Functions;
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
    private final LocalInbox inbox;
    private final LocalTwilio twilio;
    private final java.util.List<LocalStreamPoller> pollers;
    private final LocalMetrics metrics = new LocalMetrics();
    private final java.util.concurrent.ScheduledExecutorService schedules;
    /** The scheduled functions: run every 30 s here, on demand at /_local/schedules/{name}. */
    private static final java.util.List<String> SCHEDULED = java.util.Arrays.stream(Functions.values())
            .filter(Functions::isScheduled).map(Functions::definition).toList();
    private final long readyMillis;
    private final Function<String, Function<Object, Object>> lookup;
    private final java.util.Optional<WebAppFiles> webApp;

    private LocalStack(int port, Path dataDir, Clock clock, int catalogSize) throws Exception {
        long began = System.nanoTime();
        var out = System.out;
        System.setOut(new WithoutSpringSources(out));
        // Spring and DynamoDB Local start side by side: the functions reach the database only on the first request
        var springStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> FunctionalSpringApplication.run(
                new Class<?>[] {OmnicanalApplication.class},
                new String[] {"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN"}));
        this.dynamo = dataDir == null ? DynamoDbLocal.inMemory() : DynamoDbLocal.onDisk(dataDir);
        this.demo = new DemoData();
        demo.loadInto(dynamo.client(), dynamo.tables());
        this.inbox = new LocalInbox();
        var twilioToken = java.util.UUID.randomUUID().toString().replace("-", "");
        this.twilio = new LocalTwilio(inbox, twilioToken);
        var catalogRef = new java.util.concurrent.atomic.AtomicReference<FunctionCatalog>();
        Map<String, Function<Object, Object>> functions = new ConcurrentHashMap<>();
        this.lookup = name -> functions.computeIfAbsent(name, n -> {
            Function<Object, Object> f = catalogRef.get().lookup(n);
            if (f == null) throw new IllegalStateException("template.yaml names an unknown function " + n);
            return f;
        });
        var tokens = new LocalTokens("http://127.0.0.1:" + port + "/_local", Clock.systemUTC());
        this.gateway = new LocalGateway(port, TemplateRoutes.fromClasspath(), name -> {
            var f = lookup.apply(name);
            return event -> (APIGatewayV2HTTPResponse) f.apply(event);
        }, tokens);
        var base = "http://127.0.0.1:" + gateway.port();
        var settings = Settings.fromEnvironment().with(Map.of(
                "PUBLIC_BASE_URL", base,
                "TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000",
                "TWILIO_AUTH_TOKEN", twilioToken,
                "TWILIO_API_BASE", twilio.baseUrl(),
                "SMTP_HOST", "127.0.0.1",
                "SMTP_PORT", Integer.toString(inbox.smtpPort()),
                "SMTP_STARTTLS", "false",
                // a fresh signing key per start: feedback links from an earlier run stop working, as after a key rotation
                "FEEDBACK_TOKEN_SECRET", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID(),
                "FEEDBACK_LINK_BASE", base + "/feedback/")).with(Map.of(
                "APPOINTMENT_LINK_SECRET", java.util.UUID.randomUUID() + "-" + java.util.UUID.randomUUID(),
                "APPOINTMENT_LINK_BASE", base + "/appointments/manage/"));
        // the metrics go to the log as on Lambda, and to /_local/metrics
        Wiring.install(new Wiring(settings, dynamo.client(), clock, new com.omnicanal.shared.emf.EmbeddedBusinessMetrics(
                new com.omnicanal.infrastructure.metrics.EmbeddedMetrics(Wiring.namespace(settings), clock,
                        metrics::write))));
        if (catalogSize > 0) generatedCatalog(catalogSize);
        try {
            this.spring = springStart.join();
        } finally {
            System.setOut(out);
        }
        catalogRef.set(spring.getBean(FunctionCatalog.class));
        // one poller per stream event source of template.yaml (the dispatcher, feedback's business events), filtered alike
        this.pollers = TemplateRoutes.streamConsumersFromClasspath().stream().map(source -> {
            if (!"OutboxTable".equals(source.table())) {
                throw new IllegalStateException("the local stack streams the outbox only, not " + source.table());
            }
            Function<Object, Object> consumer = lookup.apply(source.function());
            return new LocalStreamPoller(dynamo.client(), dynamo.streams(), dynamo.tables().outbox(), source.function(),
                    new StreamFilter(source.filters()),
                    event -> (com.amazonaws.services.lambda.runtime.events.StreamsEventResponse) consumer.apply(event));
        }).toList();
        // template.yaml's 5-minute schedules, run more often so a developer sees their effect
        this.schedules = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "local-schedules");
            t.setDaemon(true);
            return t;
        });
        for (var scheduled : SCHEDULED) {
            schedules.scheduleWithFixedDelay(() -> {
                try {
                    lookup.apply(scheduled).apply(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent());
                } catch (RuntimeException e) {
                    System.err.println("local schedule " + scheduled + ": " + e.getMessage());
                }
            }, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        }
        gateway.pages((method, path, body) -> page(method, path, body, base));
        this.webApp = WebAppFiles.locate();
        webApp.ifPresent(gateway::webApp);
        gateway.start();
        gateway.ready();
        this.readyMillis = (System.nanoTime() - began) / 1_000_000;
    }

    /**
     * FunctionalSpringApplication prints "======> SOURCE: class ..." to System.out at every start, with no setting to
     * turn it off (spring-cloud-function 4.3): that one line is dropped while Spring starts, everything else passes.
     */
    private static final class WithoutSpringSources extends java.io.PrintStream {
        WithoutSpringSources(java.io.PrintStream out) {
            super(out, true);
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith("======> SOURCE: ")) super.println(line);
        }
    }

    private java.util.Optional<APIGatewayV2HTTPResponse> page(String method, String path, String body, String base)
            throws Exception {
        if (method.equals("POST") && path.startsWith("/_local/schedules/")) {
            // runs a scheduled function now instead of waiting for its next turn
            var name = path.substring("/_local/schedules/".length());
            if (!SCHEDULED.contains(name)) {
                return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.problem(
                        com.omnicanal.infrastructure.http.Problem.of(404, "not-found", "Not found", "no schedule " + name
                                + "; one of " + SCHEDULED)));
            }
            // what was just written (an order collected a moment ago) is handed over first, as it is within a second on AWS
            pollers.forEach(p -> p.awaitCaughtUp(java.time.Duration.ofSeconds(10)));
            var result = lookup.apply(name).apply(new com.amazonaws.services.lambda.runtime.events.ScheduledEvent());
            return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.ok(result));
        }
        if (method.equals("GET") && path.equals("/_local/demo-users")) {
            // who the web app's local sign-in offers (on AWS people sign in through Cognito's hosted UI instead)
            return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.ok(Map.of(
                    "customers", demo.customers.stream().map(c -> Map.of("id", c.id(),
                            "name", c.firstName() + " " + c.lastName())).toList(),
                    "staff", demo.staff.stream().map(s -> Map.of("id", s.id(), "name", s.name(),
                            "storeId", s.storeId())).toList(),
                    "ops", java.util.List.of(Map.of("id", "ops-demo", "name", "Ops")))));
        }
        if (method.equals("GET") && path.equals("/_local/metrics")) {
            // what CloudWatch would have received since the start, one entry per series
            return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.ok(
                    Map.of("namespace", Wiring.namespace(Settings.fromEnvironment()), "series", metrics.series())));
        }
        if (method.equals("GET") && path.equals("/_local/inbox.json")) {
            return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.ok(
                    Map.of("items", inbox.items(), "deadLetters", deadLetters())));
        }
        if (method.equals("GET") && path.equals("/_local/inbox")) {
            return java.util.Optional.of(APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                    .withHeaders(Map.of("Content-Type", "text/html; charset=utf-8"))
                    .withBody(InboxPage.render(inbox.items(), deadLetters())).build());
        }
        if (method.equals("POST") && path.equals("/_local/sms")) {
            // a customer texting back: goes through Twilio's inbound webhook, signed, like the real thing
            var request = com.omnicanal.infrastructure.http.Json.MAPPER.readTree(body);
            var from = request.path("from").asText("");
            var text = request.path("body").asText("");
            // a messageSid already used replays that text, as Twilio does when it delivers a webhook again
            var sid = request.path("messageSid").asText("");
            if (sid.isBlank()) sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
            var response = twilio.send(base + "/webhooks/twilio/inbound", Map.of("From", from, "To", "+33700000000",
                    "Body", text, "MessageSid", sid));
            var reply = response.body().replaceAll("(?s).*<Message>(.*)</Message>.*", "$1");
            if (response.body().contains("<Message>")) {
                inbox.addPhoneMessage(new LocalInbox.Item("SMS", from, "+33700000000", null, reply, null,
                        "SM-reply-" + System.nanoTime(), "delivered", java.time.Instant.now()));
            }
            return java.util.Optional.of(com.omnicanal.infrastructure.http.ApiResponse.json(response.statusCode(),
                    Map.of("reply", response.body().contains("<Message>") ? reply : ""), Map.of()));
        }
        return java.util.Optional.empty();
    }

    /** The outbox records no consumer could handle after every retry. */
    private java.util.List<String> deadLetters() {
        return pollers.stream().flatMap(p -> p.deadLetters().stream()).toList();
    }

    public static LocalStack start(int port, Path dataDir) throws Exception {
        return new LocalStack(port, dataDir, Clock.systemUTC(), 0);
    }

    /** With the functions' clock given: a test brings the stack back "later", as after an outage of that length. */
    public static LocalStack start(int port, Path dataDir, Clock clock) throws Exception {
        return new LocalStack(port, dataDir, clock, 0);
    }

    /** With a generated catalogue of {@code catalogSize} products (the demo's among them), through the same import. */
    public static LocalStack start(int port, Path dataDir, int catalogSize) throws Exception {
        return new LocalStack(port, dataDir, Clock.systemUTC(), catalogSize);
    }

    /** Applies the generated feed (a replay on a database that has it), and on its first application some stock. */
    private void generatedCatalog(int size) {
        long began = System.nanoTime();
        var outcome = Wiring.shared().catalog().importing().apply(com.omnicanal.shared.Actor.ops("local-generated"),
                com.omnicanal.catalog.feed.FeedFiles.jsonLines(GeneratedCatalog.feedId(size), GeneratedCatalog.feed(size)));
        if (!outcome.replayed()) {
            var stores = Wiring.shared().catalog().findingStores().all().stream().map(com.omnicanal.catalog.Store::id).toList();
            DemoData.writeStock(dynamo.client(), dynamo.tables(), GeneratedCatalog.stock(size, stores));
        }
        System.err.printf("generated catalogue of %d products %s in %.1f s%n", size,
                outcome.replayed() ? "already there" : "imported", (System.nanoTime() - began) / 1e9);
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

    public LocalInbox inbox() {
        return inbox;
    }

    /** Twilio calling back a message's status (once more: it calls at least once), signed like the real thing. */
    public int twilioStatusCallback(String messageSid, String status) throws Exception {
        return twilio.send("http://127.0.0.1:" + port() + "/webhooks/twilio/status",
                Map.of("MessageSid", messageSid, "MessageStatus", status)).statusCode();
    }

    /** Where the Twilio stand-in listens (the SDK is pointed there instead of api.twilio.com). */
    public String twilioBaseUrl() {
        return twilio.baseUrl();
    }

    @Override
    public void close() {
        schedules.shutdownNow();
        pollers.forEach(LocalStreamPoller::close);
        gateway.close();
        twilio.close();
        inbox.close();
        spring.close();
        dynamo.close();
    }

    public static void main(String[] args) throws Exception {
        com.omnicanal.infrastructure.logging.StructuredLog.install();
        long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        Path dataDir = null;
        int historyDays = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data-dir") && i + 1 < args.length) dataDir = Path.of(args[++i]);
            if (args[i].equals("--history") && i + 1 < args.length) historyDays = Integer.parseInt(args[++i]);
        }
        if (dataDir == null && System.getenv("DATA_DIR") != null) dataDir = Path.of(System.getenv("DATA_DIR"));
        int catalogSize = Integer.parseInt(System.getenv().getOrDefault("CATALOG_SIZE", "0"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--catalog-size") && i + 1 < args.length) catalogSize = Integer.parseInt(args[++i]);
        }
        // the functions' clock, which the history moves back in time and then returns to now
        var clock = new ShiftedClock();
        var stack = new LocalStack(port, dataDir, clock, catalogSize);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        if (historyDays > 0) {
            long started = System.nanoTime();
            System.out.printf("Filling %d days of history through the gateway...%n", historyDays);
            var done = new LocalHistory(stack.port(), clock).fill(historyDays);
            System.out.printf("History of %d days in %.1f s: %s%n", historyDays, (System.nanoTime() - started) / 1e9, done);
        }
        var base = "http://127.0.0.1:" + stack.port();
        var customer = stack.demo.customers.get(0);
        var staff = stack.demo.staff.get(0);
        System.out.printf("""

                Omnicanal local stack ready on %1$s in %2$.1f s (JVM start to ready; stack itself %3$d ms)
                  DynamoDB Local: %4$s
                  Web app:  %9$s
                  Health:   %1$s/_local/health
                  Inbox:    %1$s/_local/inbox  (every SMS, WhatsApp message and email sent; JSON: /_local/inbox.json)
                  Metrics:  %1$s/_local/metrics  (what CloudWatch would have received, per series)
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
                customer.id(), staff.storeId(), stack.webApp.isPresent()
                        ? base + "/app/  (storefront, staff tablet and ops; sign in as a demo customer, staff or ops)"
                        : "not served: no web/index.html found up from here (set WEB_DIR)");
        Thread.currentThread().join();
    }
}
