package com.omnicanal.infrastructure.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.dynamo.DynamoClients;
import com.sun.net.httpserver.HttpServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The subsegments the X-Ray daemon receives, read from a UDP socket standing in for it: a DynamoDB call through the
 * client the functions build, a refused one, a call to a provider outside AWS; and nothing when the invocation is
 * not sampled or there is no daemon.
 */
class TracingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "1-6741a2b3-0a1b2c3d4e5f607182930a1b";
    private static final String PARENT = "53995c3f42cd8ad8";
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private DatagramSocket daemon;
    private HttpServer dynamo;
    private volatile int status = 200;
    private volatile String answer = "{\"Table\":{\"TableName\":\"Orders\"}}";

    @BeforeEach
    void start() throws Exception {
        daemon = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        daemon.setSoTimeout(3000);
        dynamo = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        dynamo.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            var body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.getResponseHeaders().add("x-amzn-RequestId", "REQ-42");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        dynamo.start();
    }

    @AfterEach
    void stop() {
        daemon.close();
        dynamo.stop(0);
    }

    private Settings settings(String traceHeader) {
        return new Settings(Map.of("AWS_XRAY_DAEMON_ADDRESS", "127.0.0.1:" + daemon.getLocalPort(),
                "_X_AMZN_TRACE_ID", traceHeader, "AWS_REGION", "eu-west-3",
                "DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamo.getAddress().getPort()));
    }

    private static final String SAMPLED = "Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=1";

    /** The next segment document the daemon receives, without its header line. */
    private Optional<JsonNode> received() throws Exception {
        var packet = new DatagramPacket(new byte[65536], 65536);
        try {
            daemon.receive(packet);
        } catch (SocketTimeoutException nothing) {
            return Optional.empty();
        }
        var text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"format\": \"json\", \"version\": 1}\n");
        return Optional.of(JSON.readTree(text.substring(text.indexOf('\n') + 1)));
    }

    @Test
    void aDynamoDbCallIsASubsegmentOfTheInvocation() throws Exception {
        var settings = settings(SAMPLED);
        try (var client = DynamoClients.fromSettings(settings, Tracing.fromSettings(settings, clock))) {
            client.describeTable(r -> r.tableName("Orders"));
        }

        var doc = received().orElseThrow();
        assertThat(doc.get("type").asText()).isEqualTo("subsegment");
        assertThat(doc.get("name").asText()).isEqualTo("DynamoDB");
        assertThat(doc.get("namespace").asText()).isEqualTo("aws");
        assertThat(doc.get("trace_id").asText()).isEqualTo(ROOT);
        assertThat(doc.get("parent_id").asText()).isEqualTo(PARENT);
        assertThat(doc.get("id").asText()).matches("[0-9a-f]{16}");
        assertThat(doc.get("start_time").asDouble()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(doc.get("end_time").asDouble()).isGreaterThanOrEqualTo(doc.get("start_time").asDouble());
        assertThat(doc.get("aws").get("operation").asText()).isEqualTo("DescribeTable");
        assertThat(doc.get("aws").get("table_name").asText()).isEqualTo("Orders");
        assertThat(doc.get("aws").get("region").asText()).isEqualTo("eu-west-3");
        assertThat(doc.get("aws").get("request_id").asText()).isEqualTo("REQ-42");
        assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(200);
        assertThat(doc.has("error") || doc.has("fault")).isFalse();
    }

    @Test
    void aRefusedCallIsMarkedAsAnError() throws Exception {
        status = 400;
        answer = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no table\"}";
        var settings = settings(SAMPLED);
        try (var client = DynamoClients.fromSettings(settings, Tracing.fromSettings(settings, clock))) {
            assertThatThrownBy(() -> client.describeTable(r -> r.tableName("Nope"))).isInstanceOf(DynamoDbException.class);
        }

        var doc = received().orElseThrow();
        assertThat(doc.get("error").asBoolean()).isTrue();
        assertThat(doc.has("fault")).isFalse();
        assertThat(doc.get("http").get("response").get("status").asInt()).isEqualTo(400);
        assertThat(doc.get("cause").toString()).contains("ResourceNotFoundException").doesNotContain("no table");
    }

    @Test
    void aProviderCallIsARemoteSubsegmentMarkedByItsOutcome() throws Exception {
        var tracing = Tracing.fromSettings(settings(SAMPLED), clock);

        assertThat(tracing.remote("Twilio", () -> "sent", r -> false)).isEqualTo("sent");
        var sent = received().orElseThrow();
        assertThat(sent.get("name").asText()).isEqualTo("Twilio");
        assertThat(sent.get("namespace").asText()).isEqualTo("remote");
        assertThat(sent.has("error")).isFalse();

        tracing.remote("Twilio", () -> "21211", r -> true);
        assertThat(received().orElseThrow().get("error").asBoolean()).isTrue();

        assertThatThrownBy(() -> tracing.remote("SMTP", () -> {
            throw new IllegalStateException("mailbox of someone@example.org unavailable");
        })).isInstanceOf(IllegalStateException.class);
        var failed = received().orElseThrow();
        assertThat(failed.get("fault").asBoolean()).isTrue();
        assertThat(failed.toString()).contains("IllegalStateException").doesNotContain("someone@example.org");
    }

    @Test
    void nothingIsSentForAnInvocationNotSampledOrWithoutADaemon() throws Exception {
        daemon.setSoTimeout(300);
        var notSampled = settings("Root=" + ROOT + ";Parent=" + PARENT + ";Sampled=0");
        try (var client = DynamoClients.fromSettings(notSampled, Tracing.fromSettings(notSampled, clock))) {
            client.describeTable(r -> r.tableName("Orders"));
        }
        assertThat(received()).isEmpty();

        var local = new Settings(Map.of("DYNAMODB_ENDPOINT", "http://127.0.0.1:" + dynamo.getAddress().getPort()));
        assertThat(Tracing.fromSettings(local, clock).isOn()).isFalse();
        assertThat(Tracing.fromSettings(local, clock).remote("Twilio", () -> "sent")).isEqualTo("sent");
        assertThat(received()).isEmpty();
    }
}
