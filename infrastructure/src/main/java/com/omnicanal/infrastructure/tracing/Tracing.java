package com.omnicanal.infrastructure.tracing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.omnicanal.infrastructure.config.Settings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * X-Ray subsegments for the calls a function makes (DynamoDB and Secrets Manager through the AWS SDK, Twilio and SMTP
 * around their sends), under the segment Lambda opens for each invocation when the function has active tracing.
 * Each subsegment is a documented X-Ray segment document sent by UDP to the daemon Lambda runs beside the function
 * (AWS_XRAY_DAEMON_ADDRESS), parented on the invocation's trace header: no X-Ray SDK (3.2 MB more per jar with the
 * AWS SDK v1 it needs, about 0.3 s more CPU at cold start, and in maintenance until its end of support in February
 * 2027). Off where there is no daemon (the local stack, tests): then it does nothing at all.
 */
public final class Tracing {
    /** Does nothing: no daemon to send to. */
    public static final Tracing OFF = new Tracing(null, null, () -> null);

    private static final Logger LOG = Logger.getLogger(Tracing.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] HEADER = "{\"format\": \"json\", \"version\": 1}\n".getBytes(StandardCharsets.UTF_8);
    /** Where Lambda's Java runtime puts each invocation's trace header (the environment variable holds the first). */
    private static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    private static final ExecutionAttribute<Call> CALL = new ExecutionAttribute<>("omnicanal.tracing.call");

    private final InetSocketAddress daemon;
    private final Clock clock;
    private final Supplier<String> traceHeader;
    private volatile DatagramSocket socket;

    /** {@code traceHeader}: the current invocation's X-Amzn-Trace-Id ({@code Root=...;Parent=...;Sampled=1}). */
    public Tracing(InetSocketAddress daemon, Clock clock, Supplier<String> traceHeader) {
        this.daemon = daemon;
        this.clock = clock;
        this.traceHeader = traceHeader;
    }

    /** On Lambda with active tracing (template.yaml: Tracing: Active), where Lambda sets the daemon's address. */
    public static Tracing fromSettings(Settings settings, Clock clock) {
        return settings.get("AWS_XRAY_DAEMON_ADDRESS").map(address -> {
            var hostPort = address.split(" ")[0].split(":");
            return new Tracing(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])), clock,
                    () -> System.getProperty(TRACE_HEADER_PROPERTY, settings.get("_X_AMZN_TRACE_ID").orElse(null)));
        }).orElse(OFF);
    }

    public boolean isOn() {
        return daemon != null;
    }

    /** A call to a service outside AWS (Twilio, SMTP), as a subsegment of that name. */
    public <T> T remote(String name, Supplier<T> call) {
        return remote(name, call, result -> false);
    }

    /** ... marked as an error when {@code failed} says so of its result (a provider's refusal, not an exception). */
    public <T> T remote(String name, Supplier<T> call, java.util.function.Predicate<T> failed) {
        var started = start();
        if (started == null) return call.get();
        try {
            var result = call.get();
            send(started.document(name, "remote", now(), Map.of(), failed.test(result), false, null));
            return result;
        } catch (RuntimeException e) {
            send(started.document(name, "remote", now(), Map.of(), false, true, e));
            throw e;
        }
    }

    /** For an AWS SDK client's override configuration: each call (DynamoDB, Secrets Manager) as a subsegment. */
    public ExecutionInterceptor awsSdk() {
        return new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                var started = start();
                if (started != null) attributes.putAttribute(CALL, started);
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                var started = attributes.getAttribute(CALL);
                if (started == null) return;
                int status = context.httpResponse().statusCode();
                send(started.document(service(attributes), "aws", now(), aws(context.request(), attributes,
                        context.httpResponse().firstMatchingHeader("x-amzn-RequestId").orElse(null), status),
                        status >= 400 && status < 500, status >= 500, null));
            }

            @Override
            public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
                var started = attributes.getAttribute(CALL);
                if (started == null) return;
                int status = context.httpResponse().map(r -> r.statusCode()).orElse(0);
                send(started.document(service(attributes), "aws", now(), aws(context.request(), attributes,
                        context.httpResponse().flatMap(r -> r.firstMatchingHeader("x-amzn-RequestId")).orElse(null), status),
                        status >= 400 && status < 500, status == 0 || status >= 500, context.exception()));
            }
        };
    }

    private static String service(ExecutionAttributes attributes) {
        var name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        // X-Ray's service map names them as AWS does
        return "DynamoDb".equals(name) ? "DynamoDB" : name;
    }

    private static Map<String, Object> aws(software.amazon.awssdk.core.SdkRequest request, ExecutionAttributes attributes,
                                           String requestId, int status) {
        var aws = new LinkedHashMap<String, Object>();
        aws.put("operation", attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        var region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION);
        if (region != null) aws.put("region", region.id());
        request.getValueForField("TableName", String.class).ifPresent(table -> aws.put("table_name", table));
        if (requestId != null) aws.put("request_id", requestId);
        if (status > 0) aws.put("http_status", status);
        return aws;
    }

    /** A call under way: its subsegment id, parent and start. */
    private record Call(String traceId, String parentId, String id, double start) {
        Map<String, Object> document(String name, String namespace, double end, Map<String, Object> aws, boolean error,
                                     boolean fault, Throwable cause) {
            var doc = new LinkedHashMap<String, Object>();
            doc.put("name", name);
            doc.put("id", id);
            doc.put("trace_id", traceId);
            doc.put("parent_id", parentId);
            doc.put("type", "subsegment");
            doc.put("namespace", namespace);
            doc.put("start_time", start);
            doc.put("end_time", end);
            if (!aws.isEmpty()) {
                var only = new LinkedHashMap<>(aws);
                var status = only.remove("http_status");
                doc.put("aws", only);
                if (status != null) doc.put("http", Map.of("response", Map.of("status", status)));
            }
            if (error) doc.put("error", true);
            if (fault) doc.put("fault", true);
            // the exception's type only: its message may name a customer
            if (cause != null) doc.put("cause", Map.of("exceptions", java.util.List.of(Map.of("type",
                    cause.getClass().getName(), "remote", true))));
            return doc;
        }
    }

    /** The call's subsegment, when this invocation is traced and sampled; null otherwise. */
    private Call start() {
        if (daemon == null) return null;
        var header = traceHeader.get();
        if (header == null) return null;
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (var part : header.split(";")) {
            var kv = part.trim().split("=", 2);
            if (kv.length != 2) continue;
            switch (kv[0]) {
                case "Root" -> root = kv[1];
                case "Parent" -> parent = kv[1];
                case "Sampled" -> sampled = "1".equals(kv[1]);
                default -> { }
            }
        }
        if (root == null || parent == null || !sampled) return null;
        return new Call(root, parent, String.format("%016x", ThreadLocalRandom.current().nextLong()), now());
    }

    private double now() {
        var at = clock.instant();
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    private void send(Map<String, Object> document) {
        try {
            var body = JSON.writeValueAsBytes(document);
            var packet = new byte[HEADER.length + body.length];
            System.arraycopy(HEADER, 0, packet, 0, HEADER.length);
            System.arraycopy(body, 0, packet, HEADER.length, body.length);
            var s = socket;
            if (s == null) {
                synchronized (this) {
                    if (socket == null) socket = new DatagramSocket();
                    s = socket;
                }
            }
            s.send(new DatagramPacket(packet, packet.length, daemon));
        } catch (Exception e) {
            // a trace is never worth failing the call it describes
            LOG.log(Level.FINE, "subsegment not sent", e);
        }
    }
}
