package com.omnicanal.order;

import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the click-and-collect use cases' tests stand on: a fresh fixture for each test, over DynamoDB Local. */
abstract class OrdersOnDynamoDbLocal {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    OrderFixture fx;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client()).stocked();
    }
}
