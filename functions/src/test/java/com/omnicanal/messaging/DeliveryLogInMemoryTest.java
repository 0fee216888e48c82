package com.omnicanal.messaging;

import com.omnicanal.testing.Backend;
import com.omnicanal.testing.memory.InMemoryBackend;
import org.junit.jupiter.api.Tag;

/** The same contract on the in-memory outbox: the fast tier's delivery log behaves as DynamoDB's does. */
@Tag("fast")
class DeliveryLogInMemoryTest extends DeliveryLogContract {
    @Override
    protected Backend backend() {
        return InMemoryBackend.create();
    }
}
