package com.omnicanal.customer;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.testing.TestBackend;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Customers over DynamoDB Local, reading the one-time codes back from the outbox as the customer would receive them. */
final class CustomerFixture {
    final TestBackend backend;
    final DynamoCustomers customers;
    final CustomerService service;

    CustomerFixture(DynamoDbClient dynamo) {
        backend = new TestBackend(dynamo);
        backend.resetTables();
        customers = new DynamoCustomers(dynamo, backend.tables.customers(), backend.tables.outbox());
        service = new CustomerService(backend.catalog, customers, new DynamoCustomerHistory(dynamo, backend.tables), backend.clock);
    }

    /** The profile item as stored. */
    Map<String, AttributeValue> rawProfile(String customerId) {
        return backend.dynamo.getItem(r -> r.tableName(backend.tables.customers()).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("CUSTOMER#" + customerId), "sk", AttributeValue.fromS("PROFILE")))).item();
    }

    /** The last code sent to this customer for this address. */
    String lastCode(String customerId, Identity.Kind kind, String typed) {
        var value = CustomerService.normalize(kind, typed);
        var items = backend.dynamo.query(QueryRequest.builder().tableName("Outbox").indexName("byCustomer")
                .keyConditionExpression("customerId = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS(customerId)))
                .scanIndexForward(false).build()).items();
        return items.stream().filter(i -> i.get("kind").s().equals(CustomerService.VERIFICATION))
                .filter(i -> i.get("templateData").m().values().stream().anyMatch(v -> value.equals(v.s())))
                .max(java.util.Comparator.comparing(i -> i.get("createdAt").s()))
                .orElseThrow().get("templateData").m().get("code").s();
    }
}
