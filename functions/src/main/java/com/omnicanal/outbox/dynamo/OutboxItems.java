package com.omnicanal.outbox.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.logging.Correlation;
import com.omnicanal.outbox.OutboxMessage;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Turns an outbox message into the Put that joins the transaction of the change that caused it. */
public final class OutboxItems {
    public static final String PENDING = "PENDING";
    /** The id of the request (or scheduled run) that wrote the message: the dispatcher logs under it. */
    public static final String CORRELATION_ID = "correlationId";

    private OutboxItems() {
    }

    /** Keyed by the dedupe key, so writing the same business event twice cannot queue two messages. */
    public static TransactWriteItem put(String table, OutboxMessage message) {
        var data = new HashMap<String, AttributeValue>();
        message.templateData().forEach((k, v) -> data.put(k, AttributeValue.fromS(v)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(message.dedupeKey()));
        item.put("kind", AttributeValue.fromS(message.kind()));
        item.put("customerId", AttributeValue.fromS(message.customerId()));
        item.put("purpose", AttributeValue.fromS(message.purpose().name()));
        item.put("urgency", AttributeValue.fromS(message.urgency().name()));
        item.put("dedupeKey", AttributeValue.fromS(message.dedupeKey()));
        item.put("templateData", AttributeValue.fromM(data));
        item.put("status", AttributeValue.fromS(PENDING));
        item.put("createdAt", AttributeValue.fromS(Instants.format(message.createdAt())));
        var correlation = Correlation.current();
        if (correlation != null) item.put(CORRELATION_ID, AttributeValue.fromS(correlation));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }
}
