package com.omnicanal.returns;

import com.omnicanal.testing.OnDynamoDbLocal;
import org.junit.jupiter.api.BeforeEach;

/** What the returns use cases' tests stand on: a fresh fixture for each test, over DynamoDB Local. */
abstract class ReturnsOnDynamoDbLocal extends OnDynamoDbLocal {
    ReturnFixture fx;

    @BeforeEach
    void fresh() {
        fx = new ReturnFixture(dynamo.client()).stocked();
    }
}
