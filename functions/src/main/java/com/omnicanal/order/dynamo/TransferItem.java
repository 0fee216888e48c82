package com.omnicanal.order.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.order.Transfer;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A transfer in the Orders table: {@code TRANSFER#id}, the transfer whole as JSON, its status beside it (what
 * conditions work on; a cancellation with its order changes only that), and its place in the queue of the place that
 * acts next (the store index: the source while requested, the destination after). No customer id: nothing personal.
 */
final class TransferItem {
    static final String TYPE = "TRANSFER";

    private TransferItem() {
    }

    static String key(String id) {
        return TYPE + "#" + id;
    }

    static Map<String, AttributeValue> of(Transfer transfer) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(key(transfer.id())));
        item.put("type", s(TYPE));
        item.put("orderId", s(transfer.orderId()));
        item.put("status", s(transfer.status().name()));
        // a refused transfer stays in its source's queue, as REFUSED: what the source turned down
        item.put("storeId", s(transfer.status() == Transfer.Status.REQUESTED || transfer.status() == Transfer.Status.REFUSED
                ? transfer.fromLocation() : transfer.toStoreId()));
        item.put("storeStatusKey", s(TYPE + "#" + transfer.status().name() + "#" + Instants.format(transfer.createdAt())
                + "#" + transfer.id()));
        item.put("transfer", JsonDocuments.write(transfer));
        return item;
    }

    static TransactWriteItem create(String table, Transfer transfer) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(of(transfer))
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    /** The transfer written over the one in {@code expected} status. */
    static TransactWriteItem replace(String table, Transfer transfer, Transfer.Status expected) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(of(transfer))
                .conditionExpression("#s = :expected").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":expected", s(expected.name()))).build()).build();
    }

    /** Cancelled with its order, only if it has not left: out of every queue. */
    static TransactWriteItem cancel(String table, String id) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(Map.of("id", s(key(id))))
                .updateExpression("SET #s = :cancelled REMOVE storeStatusKey")
                .conditionExpression("#s = :requested").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":cancelled", s(Transfer.Status.CANCELLED.name()),
                        ":requested", s(Transfer.Status.REQUESTED.name()))).build()).build();
    }

    static boolean isTransfer(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("type") && TYPE.equals(item.get("type").s());
    }

    static Transfer read(Map<String, AttributeValue> item) {
        var transfer = JsonDocuments.read(item.get("transfer"), Transfer.class);
        var status = Transfer.Status.valueOf(item.get("status").s());
        if (status == transfer.status()) return transfer;
        // cancelled with its order: the status beside the document is the truth
        return new Transfer(transfer.id(), transfer.orderId(), transfer.fromLocation(), transfer.toStoreId(),
                transfer.lines(), status, transfer.reference(), transfer.safetyStock(), transfer.decision(),
                transfer.createdAt(), transfer.updatedAt(), transfer.timeline(), transfer.dailyCapacity());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
