package com.omnicanal.order.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableNames;
import java.time.Instant;
import java.util.HashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A payment instruction written in the transaction of the change that causes it, carried out later by the order
 * sweeper (the outbox rule applies to the PSP too): a click-and-collect order's capture at collection, a shipment's at
 * its hand-over to the carrier. Written once per reference and action.
 */
public final class PaymentWrites {
    static final String PAYMENT_PENDING = "PAYMENT_PENDING";

    private PaymentWrites() {
    }

    /** {@code reference}: what the PSP sees the payment as (the order, or the shipment for a share of one). */
    public static TransactWriteItem command(TableNames tables, String reference, String action, String authorization,
                                            int amountCents, Instant at) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", AttributeValue.fromS("PAYMENT#" + reference + "#" + action));
        item.put("type", AttributeValue.fromS("PAYMENT"));
        item.put("orderId", AttributeValue.fromS(reference));
        item.put("action", AttributeValue.fromS(action));
        item.put("authorization", AttributeValue.fromS(authorization));
        item.put("amountCents", AttributeValue.fromN(Integer.toString(amountCents)));
        item.put("openStatus", AttributeValue.fromS(PAYMENT_PENDING));
        item.put("expiresAt", AttributeValue.fromS(Instants.format(at)));
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.orders()).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }
}
