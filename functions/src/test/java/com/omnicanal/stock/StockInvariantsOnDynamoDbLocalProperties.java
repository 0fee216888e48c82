package com.omnicanal.stock;

import com.omnicanal.testing.Backend;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import net.jqwik.api.lifecycle.AddLifecycleHook;

@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class StockInvariantsOnDynamoDbLocalProperties extends StockInvariantProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    @Override
    protected Backend emptyBackend() {
        var backend = new TestBackend(dynamo.client());
        backend.reset();
        return backend;
    }
}
