package com.omnicanal.testing;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One in-memory DynamoDB Local for a test class (started before its first test, closed after its last), for the
 * contract tests' DynamoDB side: {@code @RegisterExtension static final DynamoDbLocalPerClass DYNAMO = new DynamoDbLocalPerClass();}
 */
public final class DynamoDbLocalPerClass implements BeforeAllCallback, AfterAllCallback {
    private DynamoDbLocal dynamo;

    @Override
    public void beforeAll(ExtensionContext context) {
        dynamo = DynamoDbLocal.inMemory();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        dynamo.close();
    }

    /** The real adapters and services over it. */
    public TestBackend backend() {
        return new TestBackend(dynamo.client());
    }
}
