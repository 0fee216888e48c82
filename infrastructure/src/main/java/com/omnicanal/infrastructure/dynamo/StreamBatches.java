package com.omnicanal.infrastructure.dynamo;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A batch of a DynamoDB stream as Lambda delivers it with ReportBatchItemFailures: each record is handed to the
 * handler in order, and one it could not handle (or failed on) is reported, so Lambda delivers it again and, past the
 * retry limit, sends it to the dead-letter queue.
 */
public final class StreamBatches {
    private static final Logger LOG = Logger.getLogger(StreamBatches.class.getName());

    /** One record: true when it is done with (handled, or nothing to do), false to have it delivered again. */
    @FunctionalInterface
    public interface Handler {
        boolean handle(DynamodbEvent.DynamodbStreamRecord record);
    }

    private StreamBatches() {
    }

    public static StreamsEventResponse handle(DynamodbEvent event, Handler handler) {
        var failures = new ArrayList<StreamsEventResponse.BatchItemFailure>();
        if (event == null || event.getRecords() == null) return new StreamsEventResponse(failures);
        for (var record : event.getRecords()) {
            boolean done;
            try {
                done = handler.handle(record);
            } catch (RuntimeException e) {
                var keys = record.getDynamodb() == null ? null : record.getDynamodb().getKeys();
                LOG.log(Level.WARNING, "stream record " + keys + " failed", e);
                done = false;
            }
            if (!done) failures.add(new StreamsEventResponse.BatchItemFailure(record.getDynamodb().getSequenceNumber()));
        }
        return new StreamsEventResponse(failures);
    }
}
