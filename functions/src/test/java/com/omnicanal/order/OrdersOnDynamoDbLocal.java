package com.omnicanal.order;

import com.omnicanal.testing.OnDynamoDbLocal;
import org.junit.jupiter.api.BeforeEach;

/** What the click-and-collect use cases' tests stand on: a fresh fixture for each test, over DynamoDB Local. */
abstract class OrdersOnDynamoDbLocal extends OnDynamoDbLocal {
    OrderFixture fx;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client()).stocked();
    }
}
