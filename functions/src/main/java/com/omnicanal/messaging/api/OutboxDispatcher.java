package com.omnicanal.messaging.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.omnicanal.infrastructure.dynamo.StreamBatches;
import com.omnicanal.infrastructure.logging.Correlation;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Consumes the outbox table's stream: new messages, and messages put back to PENDING (end of quiet hours, a claim
 * whose dispatcher died). A message that failed for now is reported as a batch item failure, so Lambda delivers it
 * again and, past the retry limit, sends it to the dead-letter queue.
 */
public final class OutboxDispatcher implements Function<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());
    private final Dispatcher dispatcher;

    public OutboxDispatcher(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        return StreamBatches.handle(event, record -> {
            var stream = record.getDynamodb();
            if (stream == null || stream.getNewImage() == null || !stream.getNewImage().containsKey("kind")) return true;
            var status = text(stream.getNewImage().get("status"));
            var oldStatus = stream.getOldImage() == null ? null : text(stream.getOldImage().get("status"));
            boolean redriven = "MODIFY".equals(record.getEventName()) && "PENDING".equals(status)
                    && !"PENDING".equals(oldStatus);
            // an INSERT is always handed over: redelivered, it finds the message in RETRY, and retrying is the point;
            // the dispatcher's claim makes a second delivery of a sent message a no-op
            if (!"INSERT".equals(record.getEventName()) && !redriven) return true;
            var id = text(stream.getKeys().get("id"));
            // the request that wrote the message: its id follows the message into these log lines and metrics
            Correlation.set(Correlation.choose(text(stream.getNewImage().get(OutboxItems.CORRELATION_ID)),
                    stream.getSequenceNumber()));
            try {
                var result = dispatcher.dispatch(id);
                LOG.info(() -> "outbox message " + id + ": " + result);
                return result != Dispatcher.Result.RETRY;
            } finally {
                Correlation.clear();
            }
        });
    }

    private static String text(com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue value) {
        return value == null ? null : value.getS();
    }
}
