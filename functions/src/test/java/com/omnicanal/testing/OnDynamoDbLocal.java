package com.omnicanal.testing;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Tests over DynamoDB Local: one in-memory database for the test class, started before its first test. */
public abstract class OnDynamoDbLocal {
    protected static DynamoDbLocal dynamo;

    @BeforeAll
    static void startDynamoDbLocal() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    static void stopDynamoDbLocal() {
        dynamo.close();
    }
}
