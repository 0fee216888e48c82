package com.omnicanal.reservation;

import com.omnicanal.testing.OnDynamoDbLocal;
import com.omnicanal.testing.TestBackend;
import org.junit.jupiter.api.extension.RegisterExtension;

class ReservationsOnDynamoDbLocalTest extends ReservationsContract {
    @RegisterExtension
    static final OnDynamoDbLocal DYNAMO = new OnDynamoDbLocal();

    @Override
    protected TestBackend backend() {
        return DYNAMO.backend();
    }
}
