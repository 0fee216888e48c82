package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One cold start, in a fresh JVM started by {@link ColdStart}: builds the handler as the Lambda Java runtime does and
 * answers one event. Modes: {@code scf} (Spring Cloud Function's FunctionInvoker, the handler template.yaml names),
 * {@code bare} (BareReserveHandler, with the runtime's own event serialization), {@code scf-primed} (FunctionInvoker,
 * then the SnapStart priming, then the event: what a restored snapshot answers with).
 * Prints {@code RESPONSE status initMs primeMs invokeMs jvmToResponseMs}.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        var mode = args[0];
        var event = Files.readAllBytes(Path.of(args[1]));
        var out = new ByteArrayOutputStream();
        long t0 = System.nanoTime();
        long init;
        long prime = 0;
        long invoke;
        if (mode.startsWith("scf")) {
            var invoker = new org.springframework.cloud.function.adapter.aws.FunctionInvoker();
            init = System.nanoTime();
            if (mode.equals("scf-primed")) {
                com.omnicanal.Priming.registered().prime();
                prime = System.nanoTime();
            } else {
                prime = init;
            }
            invoker.handleRequest(new ByteArrayInputStream(event), out, null);
            invoke = System.nanoTime();
        } else {
            var loader = ColdStartProbe.class.getClassLoader();
            var in = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
            var handler = new BareReserveHandler();
            init = System.nanoTime();
            prime = init;
            var response = handler.handleRequest(in.fromJson(new ByteArrayInputStream(event)), null);
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader).toJson(response, out);
            invoke = System.nanoTime();
        }
        var body = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        var status = body.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
        long jvm = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("RESPONSE %s %d %d %d %d%n", status.matches("\\d+") ? status : "?", (init - t0) / 1_000_000,
                (prime - init) / 1_000_000, (invoke - prime) / 1_000_000, jvm);
        System.out.flush();
        if (!status.equals("201")) {
            System.err.println(body);
            System.exit(2);
        }
        System.exit(0);
    }
}
