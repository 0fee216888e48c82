package com.omnicanal;

import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.twilio.TwilioChannel;
import com.omnicanal.messaging.twilio.TwilioClients;
import com.omnicanal.outbox.ChannelKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs inside a JVM whose classpath is one shaded Lambda jar (plus this class): invokes each function named on the
 * command line through the Lambda handler, as the Lambda runtime does. Used by {@link LambdaJarsIT}.
 * Arguments: {@code function=event.json ...}, then optionally {@code --no-class NAME} (must be absent from the jar)
 * and {@code --send-sms TWILIO_BASE} (sends one SMS through Twilio's SDK to a stub).
 */
public final class LambdaJarProbe {
    private LambdaJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (arg.equals("--no-class")) {
                var name = args[++i];
                try {
                    Class.forName(name, false, LambdaJarProbe.class.getClassLoader());
                    throw new AssertionError(name + " is in the jar");
                } catch (ClassNotFoundException expected) {
                    System.out.println("absent " + name);
                }
            } else if (arg.equals("--send-sms")) {
                var channel = new TwilioChannel(ChannelKind.SMS, TwilioClients.create(
                        "AC00000000000000000000000000000000", "token", args[++i]), "+33700000000",
                        URI.create("https://api.omnicanal.example/webhooks/twilio/status"));
                var outcome = channel.send(new Envelope("m-1", ChannelKind.SMS, "+33612345678", null, "Bonjour", null, false));
                if (!(outcome instanceof SendOutcome.Sent)) throw new AssertionError("SMS not sent: " + outcome);
                System.out.println("sms " + outcome);
            } else {
                var function = arg.substring(0, arg.indexOf('='));
                var event = Files.readAllBytes(Path.of(arg.substring(arg.indexOf('=') + 1)));
                var out = new ByteArrayOutputStream();
                new FunctionInvoker(function).handleRequest(new ByteArrayInputStream(event), out, null);
                var response = out.toString(java.nio.charset.StandardCharsets.UTF_8);
                var status = response.replaceAll("(?s).*\"statusCode\"\\s*:\\s*(\\d+).*", "$1");
                // a stream function reports what it could not handle rather than failing: none is expected here
                if (status.matches("\\d+") && Integer.parseInt(status) >= 500 || response.matches("(?s).*\"batchItemFailures\"\\s*:\\s*\\[\\s*\\{.*")) {
                    throw new AssertionError(function + " answered " + response);
                }
                System.out.println("invoked " + function + " " + (status.matches("\\d+") ? status : "ok"));
            }
        }
    }
}
