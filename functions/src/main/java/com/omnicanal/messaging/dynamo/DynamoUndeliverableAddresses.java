package com.omnicanal.messaging.dynamo;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.messaging.UndeliverableAddresses;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The hard-bounce mark in the customer's partition of the Customers table (sk UNDELIVERABLE#EMAIL, with the address
 * that bounced): read with the rest of the partition by {@link DynamoContactBook}, and erased with it.
 */
public final class DynamoUndeliverableAddresses implements UndeliverableAddresses {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoUndeliverableAddresses(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void markUndeliverable(String customerId, String email, String reason, Instant at) {
        var item = Map.of("pk", AttributeValue.fromS(CustomerKeys.customerKey(customerId)),
                "sk", AttributeValue.fromS(CustomerKeys.undeliverableKey("EMAIL")),
                "address", AttributeValue.fromS(email), "reason", AttributeValue.fromS(reason),
                "at", AttributeValue.fromS(Instants.format(at)));
        try {
            // an erasure that came first wins: nothing of the person is written back
            dynamo.transactWriteItems(r -> r.transactItems(
                    TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build(),
                    ErasureMarks.notErased(table, customerId)));
        } catch (TransactionCanceledException erased) {
            // erased meanwhile: nothing to mark
        }
    }
}
