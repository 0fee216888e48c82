package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.omnicanal.infrastructure.logging.Correlation;
import com.omnicanal.infrastructure.logging.StructuredLog;
import com.omnicanal.messaging.api.OutboxDispatcher;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.outbox.OutboxMessage.Urgency;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.MetricLines;
import com.omnicanal.testing.RecordingChannel;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The messaging figures as the real embedded-metric-format lines say them: sent, failed and fallen back per channel
 * (the SMS failure rate alarm divides the first two), STOP received; and the correlation id of the request that wrote
 * a message, carried by its outbox item into the dispatcher's log and metric lines.
 */
class DeliveryMetricsTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass DYNAMO = new DynamoDbLocalPerClass();
    private MessagingFixture fx;
    private MetricLines lines;

    @BeforeEach
    void fixture() {
        fx = new MessagingFixture(DYNAMO.backend().dynamo);
        fx.customer("cust-camille", "fr", "camille.martin@example.fr", "+33612345678", null, null);
        lines = new MetricLines(fx.clock);
    }

    /** A channel that answers the same outcome to everything. */
    private static Channel answering(ChannelKind kind, SendOutcome outcome) {
        return new Channel() {
            @Override
            public ChannelKind kind() {
                return kind;
            }

            @Override
            public SendOutcome send(Envelope envelope) {
                return outcome;
            }
        };
    }

    @Test
    void anSmsRefusedForGoodFallsBackToEmailAndEachChannelCountsWhatItDid() {
        var mail = new RecordingChannel(ChannelKind.EMAIL);
        var dispatcher = fx.dispatcher(List.of(answering(ChannelKind.SMS, new SendOutcome.Permanent("21211", "invalid")),
                mail), SentMessages.NONE, lines.metrics());
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#metrics-1");

        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SENT);

        assertThat(lines.values("MessagesFailed", Map.of("Channel", "SMS"))).containsExactly(1.0);
        assertThat(lines.of("MessagesFailed").get(0).properties()).containsEntry("reason", "21211")
                .containsEntry("messageKind", "RESERVATION_CONFIRMED");
        assertThat(lines.values("MessagesFellBack", Map.of("Channel", "SMS"))).containsExactly(1.0);
        assertThat(lines.values("MessagesSent", Map.of("Channel", "EMAIL"))).containsExactly(1.0);
        assertThat(lines.values("MessagesSent", Map.of("Channel", "SMS"))).isEmpty();
        // a channel's figures are broken down by channel only: no total, no store, nothing about the person
        assertThat(lines.parsed()).allSatisfy(line -> assertThat(line.points())
                .allSatisfy(p -> assertThat(p.dimensions().keySet()).containsExactly("Channel")));
        assertThat(String.join("\n", lines.lines())).doesNotContain("camille", "612345678");

        // delivered again by the stream: nothing is sent, nothing counted twice
        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.SKIPPED);
        assertThat(lines.sum("MessagesSent", Map.of("Channel", "EMAIL"))).isEqualTo(1.0);
    }

    @Test
    void anSmsFailingForNowCountsOneFailureAfterItsTriesAndNoFallback() {
        var mail = new RecordingChannel(ChannelKind.EMAIL);
        var dispatcher = fx.dispatcher(List.of(answering(ChannelKind.SMS, new SendOutcome.Transient("20429", "busy")),
                mail), SentMessages.NONE, lines.metrics());
        var m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#metrics-2");

        assertThat(dispatcher.dispatch(m.id())).isEqualTo(Dispatcher.Result.RETRY);

        assertThat(lines.values("MessagesFailed", Map.of("Channel", "SMS"))).containsExactly(1.0);
        assertThat(lines.of("MessagesFellBack")).isEmpty();
        assertThat(lines.of("MessagesSent")).isEmpty();
        assertThat(mail.sent()).isEmpty();
    }

    @Test
    void aStopIsCountedOnceHoweverOftenTwilioDeliversIt() {
        var keywords = fx.keywords(lines.metrics());

        keywords.handle("SM-stop-metrics", "06 12 34 56 78", "STOP");
        keywords.handle("SM-stop-metrics", "06 12 34 56 78", "STOP");
        keywords.handle("SM-other", "06 12 34 56 78", "Merci !");

        assertThat(lines.values("StopReceived", Map.of())).containsExactly(1.0);
    }

    @Test
    void theCorrelationIdOfTheRequestThatWroteAMessageIsOnTheDispatchersLines() throws Exception {
        // the request writes the message under its correlation id, as the Router sets it
        Correlation.set("req-7f3a9c21");
        com.omnicanal.outbox.OutboxMessage m;
        try {
            m = fx.queue("RESERVATION_CONFIRMED", "cust-camille", Purpose.TRANSACTIONAL, Urgency.URGENT, "RC#metrics-3");
        } finally {
            Correlation.clear();
        }
        var stored = fx.dynamo.getItem(r -> r.tableName(fx.tables.outbox())
                .key(Map.of("id", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(m.id())))).item();
        assertThat(stored.get("correlationId").s()).isEqualTo("req-7f3a9c21");

        var logged = new ByteArrayOutputStream();
        var handler = StructuredLog.install(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            var function = new OutboxDispatcher(fx.dispatcher(List.of(new RecordingChannel(ChannelKind.SMS)),
                    SentMessages.NONE, lines.metrics()));
            function.apply(insertOf(stored));
        } finally {
            handler.close();
            StructuredLog.install(System.err);
        }

        var logLines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(logLines).anyMatch(l -> l.contains("outbox message " + m.id()) && l.contains("\"correlationId\":\"req-7f3a9c21\""));
        assertThat(lines.of("MessagesSent")).singleElement()
                .satisfies(line -> assertThat(line.properties()).containsEntry("correlationId", "req-7f3a9c21"));
        assertThat(Correlation.current()).isNull();
    }

    /** The stream record DynamoDB writes for a new outbox item: its new image, as the item is stored. */
    private static DynamodbEvent insertOf(Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        var image = new HashMap<String, AttributeValue>();
        item.forEach((name, value) -> {
            if (value.s() != null) image.put(name, new AttributeValue(value.s()));
        });
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setDynamodb(new StreamRecord().withSequenceNumber("4200").withKeys(Map.of("id", image.get("id")))
                .withNewImage(image));
        var event = new DynamodbEvent();
        event.setRecords(List.of(record));
        return event;
    }
}
