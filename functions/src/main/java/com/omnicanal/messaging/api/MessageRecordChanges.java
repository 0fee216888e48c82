package com.omnicanal.messaging.api;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.StreamBatches;
import com.omnicanal.infrastructure.dynamo.StreamImages;
import com.omnicanal.messaging.MessageChanges;
import com.omnicanal.messaging.MessageFacts;
import com.omnicanal.messaging.dynamo.OutboxRecords;

/**
 * A change of a message's record in the outbox stream (old and new images), turned into the facts it means
 * ({@link MessageChanges}) and handed to whoever counts them. Business events and removals (an expiry) mean none.
 */
public final class MessageRecordChanges implements StreamBatches.Handler {
    private final MessageFacts facts;

    public MessageRecordChanges(MessageFacts facts) {
        this.facts = facts;
    }

    @Override
    public boolean handle(DynamodbEvent.DynamodbStreamRecord record) {
        var stream = record.getDynamodb();
        if (stream == null || stream.getNewImage() == null || "REMOVE".equals(record.getEventName())) return true;
        var after = StreamImages.toSdk(stream.getNewImage());
        // a business event has neither kind nor status
        if (!after.containsKey("kind") || !after.containsKey("status")) return true;
        var before = stream.getOldImage() == null ? null : OutboxRecords.toRecord(StreamImages.toSdk(stream.getOldImage()));
        var deliveredAt = after.containsKey("deliveredAt") ? Instants.parse(after.get("deliveredAt").s()) : null;
        MessageChanges.between(before, OutboxRecords.toRecord(after), deliveredAt).forEach(facts::happened);
        return true;
    }
}
