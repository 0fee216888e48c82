package com.omnicanal.messaging;

import com.omnicanal.testing.OnDynamoDbLocal;
import com.omnicanal.testing.TestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryLogOnDynamoDbLocalTest extends DeliveryLogContract {
    @RegisterExtension
    static final OnDynamoDbLocal DYNAMO = new OnDynamoDbLocal();

    @Override
    protected TestBackend backend() {
        return DYNAMO.backend();
    }
}
