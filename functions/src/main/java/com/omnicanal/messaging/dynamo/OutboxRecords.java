package com.omnicanal.messaging.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.messaging.Attempt;
import com.omnicanal.messaging.DeliveryStatus;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.dynamo.OutboxItems;
import java.util.ArrayList;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads an outbox item (its message as OutboxItems reads it, updated by the dispatcher) into a delivery log record. */
public final class OutboxRecords {
    private OutboxRecords() {
    }

    public static MessageRecord toRecord(Map<String, AttributeValue> item) {
        var message = OutboxItems.message(item);
        var attempts = new ArrayList<Attempt>();
        if (item.containsKey("attempts")) {
            for (var a : item.get("attempts").l()) {
                var m = a.m();
                attempts.add(new Attempt(ChannelKind.valueOf(m.get("channel").s()), text(m, "providerId"),
                        m.get("status").s(), text(m, "errorCode"), Instants.parse(m.get("at").s()),
                        m.containsKey("segments") ? Integer.valueOf(m.get("segments").n()) : null));
            }
        }
        return new MessageRecord(message, MessageRecord.Status.valueOf(item.get("status").s()),
                item.containsKey("channel") ? ChannelKind.valueOf(item.get("channel").s()) : null,
                text(item, "providerId"),
                item.containsKey("delivery") ? DeliveryStatus.valueOf(item.get("delivery").s()) : null,
                text(item, "errorCode"), text(item, "reason"), attempts,
                item.containsKey("notBefore") ? Instants.parse(item.get("notBefore").s()) : null,
                item.containsKey("updatedAt") ? Instants.parse(item.get("updatedAt").s()) : null);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }
}
