package com.omnicanal;

import com.omnicanal.infrastructure.metrics.EmbeddedMetrics;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.emf.EmbeddedBusinessMetrics;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.springframework.cloud.function.adapter.aws.AWSLambdaUtils;
import org.springframework.cloud.function.context.FunctionCatalog;
import org.springframework.cloud.function.context.catalog.SimpleFunctionRegistry.FunctionInvocationWrapper;
import org.springframework.cloud.function.json.JsonMapper;
import org.springframework.context.support.GenericApplicationContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots the initialised container, run this function's whole path once (event
 * JSON, Spring Cloud Function's conversion, the router, Jackson, the DynamoDB client and one read) so the restored
 * container answers its first request with those classes loaded and compiled. Nothing here writes: HTTP functions get
 * a route that does not exist, stream functions an empty batch, scheduled functions only the client warm-up.
 */
public final class Priming implements Resource {
    /** The route of the probe an HTTP function answers before the snapshot: not a request, so not measured. */
    static final String PROBE_ROUTE = "GET /_priming";
    private static final String HTTP_PROBE = """
            {"version":"2.0","routeKey":"GET /_priming","rawPath":"/_priming","headers":{"accept":"application/json"},
             "requestContext":{"http":{"method":"GET","path":"/_priming"},"requestId":"priming"},"isBase64Encoded":false}""";
    private static volatile Priming registered;

    private final GenericApplicationContext context;

    Priming(GenericApplicationContext context) {
        this.context = context;
        // CRaC holds resources weakly: the Spring context keeps this bean, and so the registration, alive
        Core.getGlobalContext().register(this);
        registered = this;
    }

    /** The instance this container registered, if Spring has started (benchmarks call {@link #prime()} by hand). */
    public static Priming registered() {
        return registered;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> checkpoint) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> restore) {
        // credentials and connections are renewed by the SDK client itself
    }

    /** Runs the priming; a failure is printed and never stops the snapshot. */
    public void prime() {
        try {
            Warmup.join();
            var wiring = Wiring.shared();
            wiring.dynamo().getItem(r -> r.tableName(wiring.tables().stock()).key(Map.of(
                    "pk", AttributeValue.fromS("PRIMING"), "sk", AttributeValue.fromS("PRIMING"))));
            var definition = context.getEnvironment().getProperty("spring.cloud.function.definition");
            if (definition == null || definition.isBlank()) return;
            byte[] event = Functions.named(definition).map(Priming::probeFor).orElse(null);
            if (event == null) return;
            FunctionInvocationWrapper function = context.getBean(FunctionCatalog.class).lookup(definition, "application/json");
            if (function == null) return;
            var mapper = context.getBean(JsonMapper.class);
            var message = AWSLambdaUtils.generateMessage(event, function.getInputType(), function.isSupplier(), mapper, null);
            var result = function.apply(message);
            AWSLambdaUtils.generateOutputFromObject(message, result, mapper, function.getOutputType());
            // the probe is not measured; a metric line is formatted all the same (and dropped), so the snapshot has it warm
            new EmbeddedBusinessMetrics(new EmbeddedMetrics("priming", Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), line -> { }))
                    .recordAll(Map.of(BusinessMetrics.Figure.API_SERVER_ERRORS, 0L, BusinessMetrics.Figure.API_LATENCY, 0L),
                            "priming", Map.of());
        } catch (RuntimeException | LinkageError e) {
            System.err.println("priming skipped: " + e);
        }
    }

    /** An event that changes nothing, or null (a scheduled function's run would do real work). */
    private static byte[] probeFor(Functions function) {
        if (function.isHttp()) return HTTP_PROBE.getBytes(StandardCharsets.UTF_8);
        if (function.input() == DynamodbEvent.class) return "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        return null;
    }
}
