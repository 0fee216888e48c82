package com.omnicanal.reservation;

import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReservationsOnDynamoDbLocalTest extends ReservationsContract {
    @RegisterExtension
    static final DynamoDbLocalPerClass DYNAMO = new DynamoDbLocalPerClass();

    @Override
    protected TestBackend backend() {
        return DYNAMO.backend();
    }
}
