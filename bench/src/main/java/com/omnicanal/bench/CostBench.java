package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.Functions;
import com.omnicanal.Wiring;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.local.DemoData;
import com.omnicanal.local.LocalGateway;
import com.omnicanal.local.LocalTokens;
import com.omnicanal.local.TemplateRoutes;
import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.dynamo.DynamoContactBook;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.outbox.ChannelKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Issue 22, item 5: the cost of one journey (reservation, order placed to collected, return, questionnaire) through
 * template.yaml's routes (the local gateway, its tokens) into the functions, built on a DynamoDB client that meters
 * every call ({@link ConsumedCapacityMeter}), on the DynamoDB Local server. The messages each journey writes go
 * through the dispatcher with stub channels (a send costs nothing here), metered alike. Lambda time is the function's
 * own time per request (the router, no Spring Cloud Function conversion), billed in whole milliseconds.
 */
final class CostBench {
    /** template.yaml's Globals MemorySize, for every function these journeys call. */
    static final double MEMORY_GB = 1024 / 1024.0;

    private CostBench() {
    }

    /** What one step of a journey cost: DynamoDB, Lambda, API Gateway and messages. */
    static final class Bill {
        double read;
        double write;
        long calls;
        long apiRequests;
        long lambdaRequests;
        double lambdaBilledMs;
        double lambdaMs;
        final Map<ChannelKind, Long> messages = new EnumMap<>(ChannelKind.class);
        long dispatches;

        void add(Bill other) {
            read += other.read;
            write += other.write;
            calls += other.calls;
            apiRequests += other.apiRequests;
            lambdaRequests += other.lambdaRequests;
            lambdaBilledMs += other.lambdaBilledMs;
            lambdaMs += other.lambdaMs;
            other.messages.forEach((k, v) -> messages.merge(k, v, Long::sum));
            dispatches += other.dispatches;
        }
    }

    private final ConsumedCapacityMeter meter = new ConsumedCapacityMeter();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>> functions = new ConcurrentHashMap<>();
    private final AtomicLong lambdaNanos = new AtomicLong();
    private final AtomicLong lambdaBilledMs = new AtomicLong();
    private final LongAdder lambdaRequests = new LongAdder();
    private final Map<ChannelKind, LongAdder> sent = new EnumMap<>(ChannelKind.class);
    private final Set<String> seenMessages = new HashSet<>();
    private DynamoDbClient plain;
    private Dispatcher dispatcher;
    private LocalTokens tokens;
    private String base;

    static void run(String endpoint, int journeys) throws Exception {
        new CostBench().measure(endpoint, journeys);
    }

    private void measure(String endpoint, int journeys) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        plain = DynamoDbLocalServer.client(endpoint);
        var tables = TableNames.defaults();
        new DemoData().loadInto(plain, tables);
        // enough stock for every journey's holds
        Bench.stock(plain, "TSH-COT-BLU-M", "paris-rivoli", 1_000_000);
        Bench.stock(plain, "BOU-CIR-FIG", "paris-rivoli", 1_000_000);
        // noon in Paris: no message waits for the end of quiet hours
        var clock = Clock.fixed(LocalDate.now().atTime(LocalTime.NOON).atZone(ZoneId.of("Europe/Paris")).toInstant(),
                ZoneId.of("UTC"));
        var client = meter.client(endpoint);
        var settings = new Settings(Map.of("DYNAMODB_ENDPOINT", endpoint, "AWS_REGION", "eu-west-3",
                "FEEDBACK_TOKEN_SECRET", UUID.randomUUID() + "-" + UUID.randomUUID(),
                "FEEDBACK_LINK_BASE", "http://127.0.0.1/feedback/",
                "PUBLIC_BASE_URL", "http://127.0.0.1"));
        var wiring = new Wiring(settings, client, clock);
        for (var kind : ChannelKind.values()) sent.put(kind, new LongAdder());
        var channels = new ArrayList<Channel>();
        for (var kind : ChannelKind.values()) {
            channels.add(new Channel() {
                public ChannelKind kind() {
                    return kind;
                }

                public SendOutcome send(Envelope envelope) {
                    sent.get(kind).increment();
                    return new SendOutcome.Sent("SM" + envelope.messageId().hashCode());
                }
            });
        }
        dispatcher = new Dispatcher(new DynamoDeliveryLog(client, tables.outbox()), new DynamoContactBook(client, tables.customers()),
                new MustacheTemplates(), channels, Dispatcher.Policy.DEFAULT, clock, d -> { });
        tokens = new LocalTokens("http://127.0.0.1/_local", Clock.systemUTC());
        try (var gateway = new LocalGateway(0, TemplateRoutes.fromClasspath(), name -> timed(name, wiring), tokens)) {
            gateway.start();
            gateway.ready();
            base = "http://127.0.0.1:" + gateway.port();
            webQuestionnaire();
            pending(); // what the demo data left in the outbox is not a journey's
            var names = List.of("reservation (reserve, then completed in store)",
                    "order, placed to collected (place, accept, ready, customer reads it, collect)",
                    "return in store (declare, receive, refund)",
                    "questionnaire (visitor prompt, open, answer)");
            var totals = new ArrayList<Bill>();
            for (int i = 0; i < 4; i++) totals.add(new Bill());
            int warmUp = 3;
            for (int j = -warmUp; j < journeys; j++) {
                var reservation = step(this::reservation);
                var order = new String[1];
                var orderBill = step(() -> order[0] = order());
                var returnBill = step(() -> returned(order[0]));
                var questionnaire = step(this::questionnaire);
                if (j < 0) continue;
                totals.get(0).add(reservation);
                totals.get(1).add(orderBill);
                totals.get(2).add(returnBill);
                totals.get(3).add(questionnaire);
            }
            print(names, totals, journeys);
        }
        plain.close();
    }

    private interface Journey {
        Object run() throws Exception;
    }

    /** Runs a journey, then dispatches the messages it wrote, and tells what it all cost. */
    private Bill step(Journey journey) throws Exception {
        var mark = meter.mark();
        long ns = lambdaNanos.get();
        long billed = lambdaBilledMs.get();
        long requests = lambdaRequests.sum();
        Map<ChannelKind, Long> sent0 = new EnumMap<>(ChannelKind.class);
        sent.forEach((k, v) -> sent0.put(k, v.sum()));
        var bill = new Bill();
        journey.run();
        bill.apiRequests = lambdaRequests.sum() - requests;
        for (var id : pending()) {
            long t0 = System.nanoTime();
            var result = dispatcher.dispatch(id);
            long took = System.nanoTime() - t0;
            // the dispatcher is a Lambda invocation per stream batch; counted here per message, as a batch of one
            lambdaNanos.addAndGet(took);
            lambdaBilledMs.addAndGet((long) Math.ceil(took / 1e6));
            lambdaRequests.increment();
            bill.dispatches++;
            if (result != Dispatcher.Result.SENT) System.out.println("message " + id + ": " + result);
        }
        var d = meter.mark().minus(mark);
        bill.read = d.read();
        bill.write = d.billedWrite();
        bill.calls = d.calls();
        bill.lambdaRequests = lambdaRequests.sum() - requests;
        bill.lambdaMs = (lambdaNanos.get() - ns) / 1e6;
        bill.lambdaBilledMs = lambdaBilledMs.get() - billed;
        sent.forEach((k, v) -> bill.messages.put(k, v.sum() - sent0.get(k)));
        return bill;
    }

    /** The messages written to the outbox since the last look (read with an unmetered client: bookkeeping). */
    private List<String> pending() {
        var ids = new ArrayList<String>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = plain.scan(r -> r.tableName("Outbox").consistentRead(true).exclusiveStartKey(from));
            for (var item : page.items()) {
                if (!item.containsKey("purpose")) continue; // a business event, not a message
                var id = item.get("id").s();
                if (seenMessages.add(id)) ids.add(id);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return ids;
    }

    @SuppressWarnings("unchecked")
    private Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> timed(String name, Wiring wiring) {
        var function = functions.computeIfAbsent(name, n -> (Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>)
                Functions.named(n).orElseThrow().build(wiring));
        return event -> {
            long t0 = System.nanoTime();
            try {
                return function.apply(event);
            } finally {
                long took = System.nanoTime() - t0;
                lambdaNanos.addAndGet(took);
                lambdaBilledMs.addAndGet((long) Math.ceil(took / 1e6));
                lambdaRequests.increment();
            }
        };
    }

    private String reservation() throws Exception {
        var camille = tokens.issue("cust-camille", "customer", null);
        var lea = tokens.issue("staff-lea", "staff", "paris-rivoli");
        var held = call("POST", "/reservations", camille, "{\"sku\":\"TSH-COT-BLU-M\",\"storeId\":\"paris-rivoli\",\"quantity\":1}", 201);
        var id = held.get("id").asText();
        call("POST", "/stores/paris-rivoli/reservations/" + id + "/complete", lea, null, 200);
        return id;
    }

    private String order() throws Exception {
        var camille = tokens.issue("cust-camille", "customer", null);
        var lea = tokens.issue("staff-lea", "staff", "paris-rivoli");
        var placed = call("POST", "/orders", camille, "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":2},"
                + "{\"sku\":\"BOU-CIR-FIG\",\"quantity\":1}],\"pickupStoreId\":\"paris-rivoli\","
                + "\"contact\":{\"name\":\"Camille Martin\",\"phone\":\"06 12 34 56 78\"},"
                + "\"paymentAuthorization\":\"pa_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + "\"}", 201);
        var id = placed.get("id").asText();
        call("POST", "/stores/paris-rivoli/orders/" + id + "/accept", lea, null, 200);
        call("POST", "/stores/paris-rivoli/orders/" + id + "/ready", lea, null, 200);
        var code = call("GET", "/orders/" + id, camille, null, 200).get("pickupCode").asText();
        call("POST", "/stores/paris-rivoli/orders/" + id + "/collect", lea, "{\"pickupCode\":\"" + code + "\"}", 200);
        return id;
    }

    private String returned(String orderId) throws Exception {
        var camille = tokens.issue("cust-camille", "customer", null);
        var karim = tokens.issue("staff-karim", "staff", "lyon-republique");
        var ops = tokens.issue("ops-nadia", "ops", null);
        var declared = call("POST", "/returns", camille, "{\"orderId\":\"" + orderId + "\",\"lines\":[{\"sku\":\"TSH-COT-BLU-M\","
                + "\"quantity\":1}],\"reason\":\"trop petit\",\"method\":\"store\"}", 201);
        var id = declared.get("id").asText();
        call("POST", "/stores/lyon-republique/returns/" + id + "/receive", karim,
                "{\"lines\":[{\"sku\":\"TSH-COT-BLU-M\",\"quantity\":1,\"condition\":\"resellable\"}]}", 200);
        call("POST", "/ops/returns/" + id + "/refund", ops, "{\"refundReference\":\"RF-" + UUID.randomUUID().toString().substring(0, 8)
                + "\"}", 200);
        return id;
    }

    /** The demo's questionnaire asked on the web too (the demo asks it after a pickup only), set up by ops, not counted. */
    private void webQuestionnaire() throws Exception {
        var demo = (ObjectNode) Bench.JSON.readTree(Files.readString(Path.of("local/src/main/resources/demo/questionnaires.json"))).get(0);
        demo.remove("id");
        demo.remove("version");
        demo.put("name", "Bench: web visit");
        demo.set("targeting", Bench.JSON.createObjectNode().put("samplingRate", 1.0)
                .set("triggers", Bench.JSON.createArrayNode().add("PAGE_VIEW")));
        call("POST", "/ops/questionnaires", tokens.issue("ops-nadia", "ops", null), demo.toString(), 201);
    }

    private String questionnaire() throws Exception {
        var prompt = call("POST", "/feedback/prompt", null, "{\"visitorId\":\"v-" + UUID.randomUUID().toString().substring(0, 12)
                + "\",\"page\":\"/commande/confirmation\",\"postcode\":\"75001\",\"visits\":3}", 200);
        if (!prompt.path("show").asBoolean()) throw new IllegalStateException("no questionnaire to show: " + prompt);
        var token = prompt.get("token").asText();
        var view = call("GET", "/feedback/" + token, null, null, 200);
        var answers = Bench.JSON.createArrayNode();
        for (var q : view.get("questions")) {
            if (!q.path("showIf").isNull() && !q.path("showIf").isMissingNode()) continue;
            answers.add(answer(q));
        }
        var body = Bench.JSON.createObjectNode().set("answers", answers);
        call("POST", "/feedback/" + token, null, body.toString(), 200);
        return token;
    }

    private static ObjectNode answer(JsonNode q) {
        var a = Bench.JSON.createObjectNode().put("questionId", q.get("id").asText());
        switch (q.get("kind").asText()) {
            case "NPS" -> a.put("score", 9);
            case "CSAT" -> a.put("score", 5);
            case "SINGLE", "MULTI" -> ((ArrayNode) a.putArray("choices")).add(q.get("options").get(0).get("id").asText());
            default -> a.put("text", "Très bien");
        }
        return a;
    }

    private JsonNode call(String method, String path, String token, String body, int expected) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) request.header("Authorization", "Bearer " + token);
        if (body != null) request.header("Content-Type", "application/json");
        if (method.equals("POST")) request.header("Idempotency-Key", UUID.randomUUID().toString());
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && !(expected == 200 && response.statusCode() == 201)) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isBlank() ? Bench.JSON.createObjectNode() : Bench.JSON.readTree(response.body());
    }

    private void print(List<String> names, List<Bill> totals, int journeys) {
        var all = meter.mark();
        System.out.printf("%nDynamoDB Local's ConsumedCapacity: missing on %,d of %,d calls; transactions: %,.0f write units reported, "
                + "%,.0f by their items' sizes in the base tables alone (2 per KB per action; the reported figure adds the "
                + "secondary indexes' writes and is the one used)%n", meter.unreported.sum(),
                all.calls(), all.transactionReported(), all.transactionBySize());
        System.out.printf("%n## Cost per journey (issue 22, item 5): mean of %d journeys each after 3 uncounted, DynamoDB Local "
                + "server, Lambda %.0f MB (template.yaml)%n", journeys, MEMORY_GB * 1024);
        System.out.println("| journey | API requests | Lambda invocations (API + dispatcher) | read units | write units | "
                + "DynamoDB calls | Lambda ms (billed) | Lambda GB-s | SMS | email | WhatsApp |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int i = 0; i < names.size(); i++) {
            var b = totals.get(i);
            double n = journeys;
            System.out.printf("| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f (%.0f) | %.4f | %.2f | %.2f | %.2f |%n", names.get(i),
                    b.apiRequests / n, b.lambdaRequests / n, b.read / n, b.write / n, b.calls / n, b.lambdaMs / n,
                    b.lambdaBilledMs / n, b.lambdaBilledMs / 1000.0 * MEMORY_GB / n,
                    b.messages.getOrDefault(ChannelKind.SMS, 0L) / n, b.messages.getOrDefault(ChannelKind.EMAIL, 0L) / n,
                    b.messages.getOrDefault(ChannelKind.WHATSAPP, 0L) / n);
        }
        System.out.println("COSTROWS");
        for (int i = 0; i < names.size(); i++) {
            var b = totals.get(i);
            System.out.printf("ROW|%s|%f|%f|%f|%f|%f|%f|%f%n", names.get(i), b.apiRequests / (double) journeys,
                    b.lambdaRequests / (double) journeys, b.read / journeys, b.write / journeys,
                    b.lambdaBilledMs / 1000.0 * MEMORY_GB / journeys,
                    b.messages.getOrDefault(ChannelKind.SMS, 0L) / (double) journeys,
                    b.messages.getOrDefault(ChannelKind.EMAIL, 0L) / (double) journeys);
        }
    }
}
