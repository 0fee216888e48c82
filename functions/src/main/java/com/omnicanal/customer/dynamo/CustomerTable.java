package com.omnicanal.customer.dynamo;

import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.shared.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The Customers table as its parts read it: consistent gets, whole partitions, keys and attribute values. */
final class CustomerTable {
    final DynamoDbClient dynamo;
    final String name;
    final Transactions transactions;

    CustomerTable(DynamoDbClient dynamo, String name) {
        this.dynamo = dynamo;
        this.name = name;
        this.transactions = new Transactions(dynamo);
    }

    /** The customer's partition key: profile, identity links, consents, codes and access log live under it. */
    static String customerKey(String customerId) {
        return CustomerKeys.customerKey(customerId);
    }

    Map<String, AttributeValue> get(String pk, String sk) {
        return dynamo.getItem(r -> r.tableName(name).consistentRead(true).key(key(pk, sk))).item();
    }

    /** Every item of the partition whose sort key starts with {@code prefix} ("" for all). */
    List<Map<String, AttributeValue>> query(String pk, String prefix) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        Map<String, AttributeValue> start = null;
        do {
            var request = QueryRequest.builder().tableName(name).consistentRead(true).exclusiveStartKey(start);
            if (prefix.isEmpty()) {
                request.keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", s(pk)));
            } else {
                request.keyConditionExpression("pk = :pk AND begins_with(sk, :p)")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":p", s(prefix)));
            }
            var response = dynamo.query(request.build());
            items.addAll(response.items());
            start = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    static DomainException erased() {
        return new DomainException.Forbidden("this account was erased");
    }

    static Map<String, AttributeValue> key(String pk, String sk) {
        return Map.of("pk", s(pk), "sk", s(sk));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }
}
