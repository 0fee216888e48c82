package com.omnicanal.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.omnicanal.infrastructure.dynamo.StreamImages;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Outbox stream records as Lambda's event source mapping delivers them, made from the Puts the adapters write. */
public final class StreamRecords {
    private StreamRecords() {
    }

    /** The INSERT of the item a Put writes. */
    public static DynamodbEvent.DynamodbStreamRecord insert(TransactWriteItem put, String sequenceNumber) {
        return record("INSERT", null, put.put().item(), sequenceNumber);
    }

    public static DynamodbEvent.DynamodbStreamRecord record(String eventName, Map<String, AttributeValue> oldImage,
                                                            Map<String, AttributeValue> newImage, String sequenceNumber) {
        var item = newImage != null ? newImage : oldImage;
        var stream = new StreamRecord().withSequenceNumber(sequenceNumber)
                .withKeys(StreamImages.toLambda(Map.of("id", item.get("id"))));
        if (newImage != null) stream.setNewImage(StreamImages.toLambda(newImage));
        if (oldImage != null) stream.setOldImage(StreamImages.toLambda(oldImage));
        var record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName(eventName);
        record.setEventSource("aws:dynamodb");
        record.setDynamodb(stream);
        return record;
    }

    public static DynamodbEvent event(DynamodbEvent.DynamodbStreamRecord... records) {
        var event = new DynamodbEvent();
        event.setRecords(List.of(records));
        return event;
    }
}
