package com.omnicanal.bench;

import static com.omnicanal.bench.Bench.JSON;
import static com.omnicanal.bench.Bench.SKU;
import static com.omnicanal.bench.Bench.STORE;
import static com.omnicanal.bench.Bench.reservationEvent;
import static com.omnicanal.bench.Bench.stock;
import static com.omnicanal.bench.Bench.stop;
import static com.omnicanal.bench.Bench.templateJavaToolOptions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start the Lambda way: the runtime interface emulator (aws-lambda-rie) starts Lambda's own Java runtime
 * interface client on a task root made of the function's shaded jar unzipped (as Lambda unpacks a deployment into
 * /var/task), with template.yaml's handler and JAVA_TOOL_OPTIONS, pinned to one CPU ({@code taskset -c 0}) or two.
 * Each run is a fresh emulator: wall time from starting it to the first answer of the invocation endpoint. Per
 * function, in the same round and alternating: a bare {@code RequestHandler} from the same task root, Spring Cloud
 * Function's {@code FunctionInvoker} (what template.yaml deploys) and the same primed as SnapStart primes before its
 * snapshot ({@link PrimedFunctionInvoker}: its first invoke is what a restored function's first request costs).
 * Needs the emulator ({@code go install github.com/aws/aws-lambda-runtime-interface-emulator/cmd/aws-lambda-rie@...},
 * -Dbench.rie=path, default ~/go/bin/aws-lambda-rie) and the runtime client jars bench/pom.xml copies into
 * bench/target/lambda-runtime.
 */
final class LambdaColdStartBench {
    static final Path RUNTIME = Path.of("bench/target/lambda-runtime");
    static final Path TASK_ROOTS = Path.of("bench/target/task-roots");
    static final String SCF_HANDLER = "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";
    private static final Pattern INIT = Pattern.compile("INIT REPORT\\(durationMs: ([0-9.]+)\\)");
    private static final Pattern DURATION = Pattern.compile("REPORT RequestId: \\S+\\s+Init Duration: [0-9.]+ ms\\s+Duration: ([0-9.]+) ms");

    /** One function measured: its jar, its name, the bare baseline, a fresh event per run and how a success reads. */
    record Subject(String definition, String jar, String bareHandler, Function<Integer, String> event,
                   Predicate<String> succeeded) {
    }

    private LambdaColdStartBench() {
    }

    static void run(String endpoint, int runs) throws Exception {
        var twilio = twilioStub();
        try (var client = DynamoDbLocalServer.client(endpoint)) {
            stock(client, SKU, STORE, 1_000_000);
            customer(client);
            var subjects = List.of(
                    new Subject("reservationApi", "omnicanal-functions-lambda.jar", BareReserveHandler.class.getName(),
                            run -> reservation(), answer -> answer.contains("\"statusCode\":201")),
                    new Subject("outboxDispatcher", "omnicanal-messaging-lambda.jar", BareDispatchHandler.class.getName(),
                            run -> outboxRecord(client), answer -> answer.contains("\"batchItemFailures\":[]")),
                    new Subject("reservationSweeper", "omnicanal-functions-lambda.jar", BareSweepHandler.class.getName(),
                            run -> scheduled(), answer -> answer.contains("\"released\":0")));
            var only = System.getProperty("bench.functions");
            if (only != null) subjects = subjects.stream().filter(s -> List.of(only.split(",")).contains(s.definition())).toList();
            var roots = new HashMap<String, Path>();
            for (var subject : subjects) roots.computeIfAbsent(subject.jar(), jar -> taskRoot(Path.of("functions/target"), jar, ""));
            // -Dbench.before=<folder with the two Lambda jars of an earlier build>: its SCF beside this build's, same round
            var before = System.getProperty("bench.before");
            if (before != null) {
                for (var subject : subjects) {
                    roots.computeIfAbsent("before/" + subject.jar(), k -> taskRoot(Path.of(before), subject.jar(), "-before"));
                }
            }
            var javaToolOptions = templateJavaToolOptions();
            var cpuSets = List.of(System.getProperty("bench.cpus", "0;0,1").split(";"));
            // -Dbench.variant="<more JAVA_TOOL_OPTIONS>" adds SCF with those options to every round: a candidate cut, A/B
            var variant = System.getProperty("bench.variant");
            var modes = variant != null ? List.of("bare", "scf", "scf-variant")
                    : before != null ? List.of("bare", "scf-before", "scf") : List.of("bare", "scf", "scf-primed");
            System.out.printf("%n## Cold start the Lambda way: aws-lambda-rie + runtime interface client, task root = the jar unzipped "
                    + "(%d runs each, alternating, 1 uncounted)%nJAVA_TOOL_OPTIONS from template.yaml: %s; runtime: %s%n",
                    runs, javaToolOptions, runtimeClasspath());
            for (var cpus : cpuSets) {
                Map<String, List<double[]>> results = new LinkedHashMap<>();
                for (int run = -1; run < runs; run++) {
                    for (var subject : subjects) {
                        for (var mode : modes) {
                            var root = roots.get((mode.equals("scf-before") ? "before/" : "") + subject.jar());
                            var sample = coldRun(subject, mode, root, cpus, endpoint, twilio, javaToolOptions, run);
                            if (run >= 0) results.computeIfAbsent(subject.definition() + "/" + mode, k -> new ArrayList<>()).add(sample);
                        }
                    }
                }
                report(cpus, subjects, modes, results);
            }
        } finally {
            twilio.stop(0);
        }
    }

    private static void report(String cpus, List<Subject> subjects, List<String> modes, Map<String, List<double[]>> results) {
        System.out.printf("%n### taskset -c %s (%s)%n", cpus, cpus.contains(",") ? "two CPUs" : "one CPU");
        System.out.println("| function | handler | median ms (emulator start to answer) | min | max | INIT ms | first invoke ms | CPU ms (java) |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (var subject : subjects) {
            for (var mode : modes) {
                var samples = results.get(subject.definition() + "/" + mode);
                System.out.printf("| %s | %s | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f |%n", subject.definition(), label(mode, subject),
                        median(samples, 0), min(samples, 0), max(samples, 0), median(samples, 1), median(samples, 2), median(samples, 3));
            }
        }
        for (var subject : subjects) {
            var before = results.get(subject.definition() + "/scf-before");
            if (before != null) {
                var bare = results.get(subject.definition() + "/bare");
                var scf = results.get(subject.definition() + "/scf");
                System.out.printf("%s, taskset -c %s: SCF / bare, wall %.2f before, %.2f now; CPU %.2f before, %.2f now%n",
                        subject.definition(), cpus, median(before, 0) / median(bare, 0), median(scf, 0) / median(bare, 0),
                        median(before, 3) / median(bare, 3), median(scf, 3) / median(bare, 3));
                continue;
            }
            var variant = results.get(subject.definition() + "/scf-variant");
            if (variant != null) {
                System.out.printf("%s, taskset -c %s: SCF with %s / bare %.2f; CPU %.0f vs %.0f ms without%n", subject.definition(), cpus,
                        System.getProperty("bench.variant"), median(variant, 0) / median(results.get(subject.definition() + "/bare"), 0),
                        median(variant, 3), median(results.get(subject.definition() + "/scf"), 3));
                continue;
            }
            var scf = results.get(subject.definition() + "/scf");
            var bare = results.get(subject.definition() + "/bare");
            var primed = results.get(subject.definition() + "/scf-primed");
            var ratios = new double[scf.size()];
            for (int i = 0; i < ratios.length; i++) ratios[i] = scf.get(i)[0] / bare.get(i)[0];
            Arrays.sort(ratios);
            System.out.printf("%s, taskset -c %s: SCF / bare %.2f (medians; per run %.2f to %.2f); SnapStart proxy: first invoke "
                            + "%.0f ms primed vs %.0f ms unprimed%n", subject.definition(), cpus, median(scf, 0) / median(bare, 0),
                    ratios[0], ratios[ratios.length - 1], median(primed, 2), median(scf, 2));
        }
    }

    private static String label(String mode, Subject subject) {
        return switch (mode) {
            case "bare" -> "bare " + subject.bareHandler().substring(subject.bareHandler().lastIndexOf('.') + 1);
            case "scf" -> "SCF FunctionInvoker";
            case "scf-variant" -> "SCF, JAVA_TOOL_OPTIONS + " + System.getProperty("bench.variant");
            case "scf-before" -> "SCF FunctionInvoker, jars of " + System.getProperty("bench.before");
            default -> "SCF, primed (SnapStart proxy)";
        };
    }

    /** {wall ms, INIT ms, first invoke ms (Duration - INIT), CPU ms of the runtime's JVM}. */
    private static double[] coldRun(Subject subject, String mode, Path root, String cpus, String endpoint, HttpServer twilio,
                                     String javaToolOptions, int run) throws Exception {
        int port = DynamoDbLocalServer.freePort();
        var handler = switch (mode) {
            case "bare" -> subject.bareHandler() + "::handleRequest";
            case "scf", "scf-variant", "scf-before" -> SCF_HANDLER;
            default -> PrimedFunctionInvoker.class.getName() + "::handleRequest";
        };
        var event = subject.event().apply(run);
        var command = List.of("taskset", "-c", cpus, rie(), "--runtime-interface-emulator-address", "127.0.0.1:" + port,
                Bench.java(), "-cp", root.toAbsolutePath() + File.pathSeparator + runtimeClasspath(),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", handler);
        var builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        var env = builder.environment();
        Bench.functionEnvironment(env, endpoint);
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", subject.definition());
        env.put("AWS_LAMBDA_FUNCTION_NAME", "omnicanal-" + subject.definition());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("LAMBDA_TASK_ROOT", root.toAbsolutePath().toString());
        // -Dbench.extra="<options>" goes to every mode (a profile: -Xlog:class+load:file=...%p.log:uptime,tid)
        var options = javaToolOptions + " " + System.getProperty("bench.extra", "");
        if (mode.equals("scf-variant")) {
            // the variant's words: NAME=value (capitals) sets that environment variable, anything else is a JVM option
            for (var word : System.getProperty("bench.variant").trim().split("\\s+")) {
                if (word.matches("[A-Z][A-Z0-9_]*=.*")) env.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                else options += " " + word;
            }
        }
        env.put("JAVA_TOOL_OPTIONS", options.trim());
        env.put("AWS_ACCESS_KEY_ID", "local");
        env.put("AWS_SECRET_ACCESS_KEY", "local");
        env.put("TWILIO_AUTH_TOKEN", "bench-auth-token");
        env.put("TWILIO_API_BASE", "http://127.0.0.1:" + twilio.getAddress().getPort());
        env.put("SMTP_PORT", "9");
        long start = System.nanoTime();
        var process = builder.start();
        var output = new ByteArrayOutputStream();
        var drain = new Thread(() -> copy(process.getInputStream(), output));
        drain.start();
        try {
            var answer = invoke(port, event, process);
            double wall = (System.nanoTime() - start) / 1e6;
            double cpu = javaCpuMillis(process);
            if (!subject.succeeded().test(answer)) {
                throw new IllegalStateException(subject.definition() + " " + mode + " answered " + answer + "\n" + output);
            }
            Thread.sleep(50); // the REPORT line follows the answer
            String log;
            synchronized (output) {
                log = output.toString(StandardCharsets.UTF_8);
            }
            var init = INIT.matcher(log);
            var duration = DURATION.matcher(log);
            double initMs = init.find() ? Double.parseDouble(init.group(1)) : Double.NaN;
            double invokeMs = duration.find() ? Double.parseDouble(duration.group(1)) - initMs : Double.NaN;
            return new double[] {wall, initMs, invokeMs, cpu};
        } finally {
            // -Dbench.linger=<ms> keeps the runtime up after its answer: a recording (JFR with duration=) ends and dumps
            Thread.sleep(Long.getLong("bench.linger", 0));
            stop(process);
            drain.join(5_000);
        }
    }

    private static String invoke(int port, String event, Process process) throws Exception {
        var url = URI.create("http://127.0.0.1:" + port + "/2015-03-31/functions/function/invocations").toURL();
        while (true) {
            if (!process.isAlive()) throw new IllegalStateException("the emulator ended");
            try {
                var connection = (HttpURLConnection) url.openConnection();
                connection.setRequestMethod("POST");
                connection.setDoOutput(true);
                connection.setReadTimeout(120_000);
                try (var out = connection.getOutputStream()) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                }
                try (var in = connection.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (ConnectException notYet) {
                Thread.sleep(2);
            }
        }
    }

    /** User + system time of the runtime's JVM (the emulator's child), from /proc, while it is still up. */
    private static double javaCpuMillis(Process emulator) throws IOException {
        for (var child : emulator.descendants().toList()) {
            if (child.info().command().map(c -> c.endsWith("java")).orElse(false)) {
                var stat = Files.readString(Path.of("/proc/" + child.pid() + "/stat"));
                var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0; // clock ticks of 10 ms
            }
        }
        return Double.NaN;
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        var buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the emulator was stopped
        }
    }

    /** The jar unzipped, as Lambda unpacks it into /var/task, plus the bench's bare handlers and primed invoker. */
    static Path taskRoot(Path jars, String jar, String suffix) {
        try {
            var root = TASK_ROOTS.resolve(jar.replace(".jar", "") + suffix);
            if (Files.exists(root)) deleteTree(root);
            Files.createDirectories(root);
            try (var zip = new ZipInputStream(Files.newInputStream(jars.resolve(jar)))) {
                for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    var target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) continue;
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
            var classes = Path.of("bench/target/classes/com/omnicanal/bench");
            var into = Files.createDirectories(root.resolve("com/omnicanal/bench"));
            for (var name : List.of("BareReserveHandler", "BareReserveHandler$Request", "BareDispatchHandler",
                    "BareSweepHandler", "PrimedFunctionInvoker")) {
                Files.copy(classes.resolve(name + ".class"), into.resolve(name + ".class"));
            }
            return root;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }

    static String runtimeClasspath() throws IOException {
        try (var jars = Files.list(RUNTIME)) {
            return String.join(File.pathSeparator, jars.map(p -> p.toAbsolutePath().toString()).sorted().toList());
        }
    }

    static String rie() {
        return System.getProperty("bench.rie", Path.of(System.getProperty("user.home"), "go", "bin", "aws-lambda-rie").toString());
    }

    private static String reservation() {
        try {
            return reservationEvent("cold-" + UUID.randomUUID());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String scheduled() {
        try {
            return Files.readString(Path.of("events/schedule-sweep.json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A fresh confirmation in the outbox for the bench's customer, and the stream record that announces it. */
    private static String outboxRecord(DynamoDbClient client) {
        try {
            var id = "cold-" + UUID.randomUUID();
            var data = Map.of("reservationId", id, "reservationRef", "7RMWT4", "productName", "T-shirt coton bio bleu",
                    "quantity", "1", "storeName", "Omnicanal Paris Rivoli", "storeAddress", "112 rue de Rivoli, 75001 Paris",
                    "expiresDate", "25/11/2026", "expiresTime", "10:00", "sku", SKU);
            var message = OutboxMessage.transactional("RESERVATION_CONFIRMED", "bench", id, data, Instant.now());
            var put = OutboxItems.put("Outbox", message);
            client.transactWriteItems(r -> r.transactItems(put));
            var event = (ObjectNode) JSON.readTree(Files.readString(Path.of("events/dynamodb-outbox-stream.json")));
            var stream = (ObjectNode) event.get("Records").get(0).get("dynamodb");
            var messageId = put.put().item().get("id").s();
            stream.set("Keys", JSON.valueToTree(Map.of("id", Map.of("S", messageId))));
            stream.set("NewImage", JSON.valueToTree(image(put.put().item())));
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An item in the stream's JSON shape (S, N, M, L, BOOL). */
    private static Map<String, Object> image(Map<String, AttributeValue> item) {
        var image = new LinkedHashMap<String, Object>();
        item.forEach((name, value) -> image.put(name, attribute(value)));
        return image;
    }

    private static Object attribute(AttributeValue value) {
        if (value.s() != null) return Map.of("S", value.s());
        if (value.n() != null) return Map.of("N", value.n());
        if (value.bool() != null) return Map.of("BOOL", value.bool());
        if (value.hasM()) return Map.of("M", image(value.m()));
        if (value.hasL()) return Map.of("L", value.l().stream().map(LambdaColdStartBench::attribute).toList());
        return Map.of("NULL", true);
    }

    private static void customer(DynamoDbClient client) {
        var item = new HashMap<String, AttributeValue>();
        item.put("pk", AttributeValue.fromS("CUSTOMER#bench"));
        item.put("sk", AttributeValue.fromS("PROFILE"));
        item.put("phone", AttributeValue.fromS("+33612345678"));
        item.put("email", AttributeValue.fromS("bench@example.fr"));
        item.put("language", AttributeValue.fromS("fr"));
        client.putItem(r -> r.tableName("Customers").item(item));
    }

    private static HttpServer twilioStub() throws IOException {
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            var body = ("{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static double median(List<double[]> samples, int index) {
        var values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        return values[values.length / 2];
    }

    private static double min(List<double[]> samples, int index) {
        return samples.stream().mapToDouble(s -> s[index]).min().orElse(Double.NaN);
    }

    private static double max(List<double[]> samples, int index) {
        return samples.stream().mapToDouble(s -> s[index]).max().orElse(Double.NaN);
    }
}
