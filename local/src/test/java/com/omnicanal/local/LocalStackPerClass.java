package com.omnicanal.local;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One local stack (in-memory DynamoDB Local, gateway on a free port) for a test class, started before its first test
 * and closed after its last, with a client on its gateway:
 * {@code @RegisterExtension static final LocalStackPerClass stack = new LocalStackPerClass();}
 * {@code private static final LocalClient client = stack.client();}
 */
final class LocalStackPerClass implements BeforeAllCallback, AfterAllCallback {
    private LocalStack stack;
    // the port is known once the stack runs, so the client asks for it at each request
    private final LocalClient client = new LocalClient(this::port);

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        stack = LocalStack.start(0, null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (stack != null) stack.close();
        stack = null;
    }

    /** A client of the gateway, usable from the class's own @BeforeAll on. */
    LocalClient client() {
        return client;
    }

    /** The running stack, for a look inside (its DynamoDB). */
    LocalStack running() {
        if (stack == null) throw new IllegalStateException("the local stack is not running: the class did not register it");
        return stack;
    }

    private int port() {
        return running().port();
    }
}
