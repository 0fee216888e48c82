package com.omnicanal.messaging;

import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryLogOnDynamoDbLocalTest extends DeliveryLogContract {
    @RegisterExtension
    static final DynamoDbLocalPerClass DYNAMO = new DynamoDbLocalPerClass();

    @Override
    protected TestBackend backend() {
        return DYNAMO.backend();
    }
}
