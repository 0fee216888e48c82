package com.omnicanal.returns;

import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the returns use cases' tests stand on: a fresh fixture for each test, over DynamoDB Local. */
abstract class ReturnsOnDynamoDbLocal {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    ReturnFixture fx;

    @BeforeEach
    void fresh() {
        fx = new ReturnFixture(dynamo.client()).stocked();
    }
}
