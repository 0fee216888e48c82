package com.omnicanal.stock;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.TestBackend;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

class StockInvariantsOnDynamoDbLocalProperties extends StockInvariantProperties {
    private static DynamoDbLocal dynamo;

    @BeforeContainer
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Override
    protected Backend emptyBackend() {
        var backend = new TestBackend(dynamo.client());
        backend.reset();
        return backend;
    }
}
