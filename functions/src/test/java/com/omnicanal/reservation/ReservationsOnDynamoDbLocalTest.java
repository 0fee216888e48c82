package com.omnicanal.reservation;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class ReservationsOnDynamoDbLocalTest extends ReservationsContract {
    private static DynamoDbLocal dynamo;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @Override
    protected TestBackend backend() {
        return new TestBackend(dynamo.client());
    }
}
