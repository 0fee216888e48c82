package com.omnicanal;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocalServer;
import com.omnicanal.testing.TestBackend;
import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two shaded Lambda jars as template.yaml deploys them: every function is invoked through the Lambda handler in a
 * JVM whose classpath is only its jar, against DynamoDB Local over HTTP. Catches a function pointed at the wrong jar,
 * a class the shade filters dropped, and Twilio or mail creeping back into the API jar.
 */
class LambdaJarsIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path EVENTS = ROOT.resolve("events");
    private static final String API_JAR = "functions/target/" + Functions.Jar.API.fileName();
    private static final String MESSAGING_JAR = "functions/target/" + Functions.Jar.MESSAGING.fileName();
    private static DynamoDbLocalServer dynamo;
    private static HttpServer twilio;

    @BeforeAll
    static void start() throws Exception {
        dynamo = DynamoDbLocalServer.withTables();
        var backend = new TestBackend(dynamo.client());
        backend.loadDemoCatalog();
        backend.stock("TSH-COT-BLU-M", "paris-rivoli", 8);
        twilio = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        twilio.createContext("/", exchange -> {
            var body = "{\"sid\":\"SM00000000000000000000000000000001\",\"status\":\"queued\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        // the feed bucket's object named by events/s3-catalog-feed.json, served path-style as S3 would (S3_ENDPOINT)
        twilio.createContext("/acme-omnicanal-catalog-feeds/feeds/", exchange -> {
            var body = Files.readAllBytes(ROOT.resolve("local/src/main/resources/demo/products.jsonl"));
            exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        twilio.start();
    }

    @AfterAll
    static void stop() {
        if (twilio != null) twilio.stop(0);
        if (dynamo != null) dynamo.close();
    }

    /** Function name to CodeUri, read from template.yaml. */
    static Map<String, String> templateFunctions() throws Exception {
        var functions = new LinkedHashMap<String, String>();
        String codeUri = null;
        for (var line : Files.readAllLines(ROOT.resolve("template.yaml"))) {
            if (line.matches("^  [A-Za-z0-9]+:\\s*$")) codeUri = null;
            var trimmed = line.trim();
            if (trimmed.startsWith("CodeUri:")) codeUri = trimmed.substring("CodeUri:".length()).trim();
            if (trimmed.startsWith("SPRING_CLOUD_FUNCTION_DEFINITION:")) {
                functions.put(trimmed.substring(trimmed.indexOf(':') + 1).trim(), codeUri);
            }
        }
        return functions;
    }

    /** Functions whose environment names a Secrets Manager secret (a *_SECRET_ARN variable). */
    static Set<String> functionsReadingSecrets() throws Exception {
        var functions = new java.util.HashSet<String>();
        var lines = Files.readAllLines(ROOT.resolve("template.yaml"));
        String name = null;
        boolean secret = false;
        for (var line : lines) {
            if (line.matches("^  [A-Za-z0-9]+:\\s*$")) {
                if (name != null && secret) functions.add(name);
                name = null;
                secret = false;
            }
            var trimmed = line.trim();
            if (trimmed.startsWith("SPRING_CLOUD_FUNCTION_DEFINITION:")) name = trimmed.substring(trimmed.indexOf(':') + 1).trim();
            if (trimmed.matches("^[A-Z_]+_SECRET_ARN:.*")) secret = true;
        }
        if (name != null && secret) functions.add(name);
        return functions;
    }

    /**
     * The JVM settings template.yaml gives every function (Globals: JAVA_TOOL_OPTIONS, MAIN_CLASS). No function
     * overrides them, so one JVM per jar started with them starts as each of its functions does on Lambda.
     */
    static Map<String, String> templateJvmEnvironment() throws Exception {
        var environment = new LinkedHashMap<String, String>();
        boolean globals = false;
        for (var line : Files.readAllLines(ROOT.resolve("template.yaml"))) {
            if (line.matches("^[A-Za-z]+:.*")) globals = line.startsWith("Globals:");
            var trimmed = line.trim();
            for (var name : List.of("JAVA_TOOL_OPTIONS", "MAIN_CLASS")) {
                if (!trimmed.startsWith(name + ":")) continue;
                assertThat(globals).as(name + " is set in Globals only, the same for every function: " + line).isTrue();
                environment.put(name, trimmed.substring(name.length() + 1).trim());
            }
        }
        assertThat(environment).containsKeys("JAVA_TOOL_OPTIONS", "MAIN_CLASS");
        return environment;
    }

    @Test
    void everyFunctionReadingASecretHasTheSecretsManagerClient() throws Exception {
        var functions = templateFunctions();
        var readers = functionsReadingSecrets();
        assertThat(readers).contains(Functions.OUTBOX_DISPATCHER.definition(), Functions.FEEDBACK_API.definition());
        // the API jar leaves Secrets Manager out: a function there would fail at its first secret, on AWS only
        readers.forEach(name -> assertThat(functions.get(name)).as(name).isEqualTo(MESSAGING_JAR));
    }

    @Test
    void jarsLeaveOutWhatLambdasRuntimeHasAndStayInTheirBudget() throws Exception {
        for (var jar : List.of(API_JAR, MESSAGING_JAR)) {
            try (var zip = new java.util.zip.ZipFile(ROOT.resolve(jar).toFile())) {
                // the runtime's copies are loaded first: ours would be dead weight (issue 22)
                assertThat(zip.getEntry("com/amazonaws/services/lambda/runtime/Context.class")).as(jar).isNull();
                assertThat(zip.getEntry("com/amazonaws/services/lambda/runtime/serialization/events/LambdaEventSerializers.class"))
                        .as(jar).isNull();
                assertThat(zip.getEntry("com/amazonaws/services/lambda/runtime/events/APIGatewayV2HTTPEvent.class")).as(jar).isNotNull();
            }
            // the messaging jar, Twilio and mail included, within 30 MB (issue 22); the API jar is smaller
            assertThat(Files.size(ROOT.resolve(jar))).as(jar).isLessThanOrEqualTo(30_000_000L);
        }
    }

    @Test
    void apiJarRunsItsFunctionsWithoutTwilioOrMail() throws Exception {
        var args = new ArrayList<String>();
        templateFunctions().forEach((name, jar) -> {
            if (API_JAR.equals(jar)) args.add(name + "=" + event(name));
        });
        args.addAll(List.of("--no-class", "com.twilio.Twilio", "--no-class", "jakarta.mail.Session",
                "--no-class", "com.samskivert.mustache.Mustache",
                "--no-class", "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient",
                "--no-class", "com.nimbusds.jose.JWSObject"));
        var output = probe(API_JAR, args);
        assertThat(output).contains("invoked " + Functions.RESERVATION_API.definition() + " 201", "absent com.twilio.Twilio");
    }

    @Test
    void messagingJarSendsThroughTwilioAndAnswersSignedWebhooks() throws Exception {
        var args = new ArrayList<String>();
        templateFunctions().forEach((name, jar) -> {
            if (MESSAGING_JAR.equals(jar)) args.add(name + "=" + event(name));
        });
        args.addAll(List.of("--send-sms", "http://127.0.0.1:" + twilio.getAddress().getPort(),
                "--no-class", "com.twilio.rest.conversations.v1.Conversation"));
        var output = probe(MESSAGING_JAR, args);
        assertThat(output).contains("invoked " + Functions.MESSAGING_API.definition() + " 204", "sms Sent[");
    }

    private static String event(String function) {
        var registered = Functions.named(function)
                .orElseThrow(() -> new AssertionError(function + " is in template.yaml, not in Functions"));
        return EVENTS.resolve(registered.sampleEvent()).toString();
    }

    /**
     * What Lambda's Java runtime puts ahead of the task root (aws-lambda-java-core and -serialization): the jars leave
     * them out, so the probe gets them from this test's own classpath, as a function gets them from the runtime.
     */
    static String runtimeClasspath() {
        var entries = List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(entry -> entry.contains("aws-lambda-java-core") || entry.contains("aws-lambda-java-serialization"))
                .toList();
        assertThat(entries).hasSize(2);
        return String.join(File.pathSeparator, entries);
    }

    private static String probe(String jar, List<String> args) throws Exception {
        // no JVM option of the test's own: template.yaml's JAVA_TOOL_OPTIONS, as Lambda passes them
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", runtimeClasspath() + File.pathSeparator + ROOT.resolve(jar)
                        + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(), LambdaJarProbe.class.getName()));
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        var env = builder.environment();
        env.putAll(templateJvmEnvironment());
        env.put("DYNAMODB_ENDPOINT", dynamo.endpoint());
        env.put("AWS_REGION", "eu-west-3");
        env.put("TWILIO_AUTH_TOKEN", "test-auth-token");
        env.put("PUBLIC_BASE_URL", "https://api.omnicanal.example");
        env.put("TWILIO_API_BASE", "http://127.0.0.1:" + twilio.getAddress().getPort());
        env.put("SMTP_PORT", "9");
        env.put("S3_ENDPOINT", "http://127.0.0.1:" + twilio.getAddress().getPort());
        // as on Lambda: the runtime names the function, so the cold-start warm-up (Warmup) runs beside Spring
        env.put("AWS_LAMBDA_FUNCTION_NAME", "lambda-jars-it");
        env.put("SPRING_CLOUD_FUNCTION_DEFINITION", jar.equals(MESSAGING_JAR) ? Functions.MESSAGING_API.definition()
                : Functions.RESERVATION_API.definition());
        var process = builder.start();
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).doesNotContain("warm-up skipped");
        assertThat(output).contains("Picked up JAVA_TOOL_OPTIONS: " + templateJvmEnvironment().get("JAVA_TOOL_OPTIONS"));
        // JSON logs with template.yaml's options: neither Spring Boot's format nor java.util.logging's own
        assertThat(output).contains("{\"time\":").doesNotContain(" INFO [main] --- ");
        assertThat(output.lines().filter(line -> line.matches("^(SEVERE|WARNING|INFO|CONFIG|FINE|FINER|FINEST): .*")))
                .as("java.util.logging's plain format").isEmpty();
        assertThat(output).as("Spring Boot's banner in the function's log").doesNotContain(":: Spring Boot ::");
        return output;
    }
}
