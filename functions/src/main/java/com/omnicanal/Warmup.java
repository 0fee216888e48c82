package com.omnicanal;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationListener;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Cold start on Lambda: while Spring Cloud Function starts its context on the main thread, a second thread builds what
 * the configured function needs on its first invocation (the DynamoDB client, the function itself as {@link Functions}
 * says, the runtime's event deserializer) and makes one read, so the first request finds them ready. It adds
 * no work, it moves it earlier: the lazy suppliers in Wiring are synchronised, so a first request that arrives sooner
 * simply waits for the build in progress. Started only on Lambda (AWS_LAMBDA_FUNCTION_NAME, which the runtime sets);
 * OMNICANAL_WARMUP=false turns it off. Nothing is written; a failure is printed and changes nothing.
 * {@link Listener} (META-INF/spring.factories) starts it on Spring's very first event, before the environment and
 * the context are prepared, so the two overlap for as long as possible.
 */
final class Warmup {
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String HTTP_EVENT = """
            {"version":"2.0","routeKey":"GET /_warmup","rawPath":"/_warmup","headers":{"accept":"application/json"},
             "requestContext":{"http":{"method":"GET","path":"/_warmup"},"requestId":"warmup"},"body":"{}","isBase64Encoded":false}""";
    private static volatile Thread thread;

    private Warmup() {
    }

    /** Starts the warm-up for the function of this name; returns at once. */
    static void start(String definition) {
        if (!STARTED.compareAndSet(false, true)) return;
        var warmup = new Thread(() -> run(definition), "omnicanal-warmup-" + definition);
        warmup.setDaemon(true);
        thread = warmup;
        warmup.start();
    }

    /** Whether this JVM started a warm-up. */
    static boolean started() {
        return STARTED.get();
    }

    /** Waits for a warm-up in progress (SnapStart priming must not snapshot a half-made request). */
    static void join() {
        var warmup = thread;
        if (warmup == null) return;
        try {
            warmup.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(String definition) {
        try {
            // the longest chain first (the client, the function, the request path), so that it starts soonest; the
            // main thread, once Spring is up, reads the event itself if this thread has not got there yet
            var wiring = Wiring.shared();
            var function = Functions.named(definition).orElse(null);
            if (function != null) function.warm(wiring);
            // the client's request path (marshalling, signing, the HTTP connection), with a read of an absent key
            try {
                wiring.dynamo().getItem(r -> r.tableName(wiring.tables().stock()).key(Map.of(
                        "pk", AttributeValue.fromS("WARMUP"), "sk", AttributeValue.fromS("WARMUP"))));
            } catch (software.amazon.awssdk.core.exception.SdkException refused) {
                // a function without read access to Stock was refused, after a full round trip: warm all the same
            }
            if (function != null && function.isHttp()) {
                // what AWSTypesMessageConverter does with the first event: the runtime's shaded Jackson and its mixins
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Thread.currentThread().getContextClassLoader())
                        .fromJson(new ByteArrayInputStream(HTTP_EVENT.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (RuntimeException | LinkageError e) {
            System.err.println("warm-up skipped: " + e);
        }
    }

    /**
     * On Lambda, starts the warm-up of the function SPRING_CLOUD_FUNCTION_DEFINITION names as soon as Spring loads its
     * listeners from spring.factories (in SpringApplication's constructor, before the run starts).
     */
    public static final class Listener implements ApplicationListener<ApplicationStartingEvent> {
        public Listener() {
            if (System.getenv("AWS_LAMBDA_FUNCTION_NAME") == null || "false".equalsIgnoreCase(System.getenv("OMNICANAL_WARMUP"))) {
                return;
            }
            var definition = System.getProperty("spring.cloud.function.definition", System.getenv("SPRING_CLOUD_FUNCTION_DEFINITION"));
            if (definition != null && !definition.isBlank()) start(definition);
        }

        @Override
        public void onApplicationEvent(ApplicationStartingEvent event) {
            // started in the constructor already
        }
    }
}
