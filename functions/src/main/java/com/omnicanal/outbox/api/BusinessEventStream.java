package com.omnicanal.outbox.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.omnicanal.infrastructure.dynamo.StreamBatches;
import com.omnicanal.infrastructure.dynamo.StreamImages;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.BusinessEvents;
import java.util.function.Function;

/**
 * Consumes the outbox table's stream for the business events written there (template.yaml filters the others out;
 * this passes them by too) and hands each to its subscriber. The stream delivers at least once, so the subscriber
 * makes a second delivery change nothing; one it fails on is delivered again, then dead-lettered.
 */
public final class BusinessEventStream implements Function<DynamodbEvent, StreamsEventResponse> {
    private final BusinessEvents subscriber;
    private final StreamBatches.Handler others;

    public BusinessEventStream(BusinessEvents subscriber) {
        this(subscriber, record -> true);
    }

    /** {@code others}: what to do with the records that are no new business event (the KPIs read messages' changes). */
    public BusinessEventStream(BusinessEvents subscriber, StreamBatches.Handler others) {
        this.subscriber = subscriber;
        this.others = others;
    }

    @Override
    public StreamsEventResponse apply(DynamodbEvent event) {
        return StreamBatches.handle(event, record -> {
            var stream = record.getDynamodb();
            // written once: a later change of the item (its expiry) is no new event
            if (!"INSERT".equals(record.getEventName()) || stream == null || stream.getNewImage() == null) {
                return others.handle(record);
            }
            var item = StreamImages.toSdk(stream.getNewImage());
            if (!OutboxItems.isEvent(item)) return others.handle(record);
            subscriber.happened(OutboxItems.event(item));
            return true;
        });
    }
}
