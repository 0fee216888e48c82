package com.omnicanal.testing;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AroundContainerHook;
import net.jqwik.api.lifecycle.ContainerLifecycleContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One in-memory DynamoDB Local for a test class, started before its first test and closed after its last, held in a
 * static field of the class (or of its abstract base, whose subclasses then each get their own, one after another):
 * <ul>
 *   <li>JUnit: {@code @RegisterExtension static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();}</li>
 *   <li>jqwik, which knows no JUnit extension: the same field without the annotation, and
 *       {@code @AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)} on the class.</li>
 * </ul>
 */
public final class DynamoDbLocalPerClass implements BeforeAllCallback, AfterAllCallback {
    private DynamoDbLocal dynamo;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    private void close() {
        if (dynamo != null) dynamo.close();
        dynamo = null;
    }

    /** A client of the database running now. */
    public DynamoDbClient client() {
        if (dynamo == null) throw new IllegalStateException("DynamoDB Local is not running: the class did not register it");
        return dynamo.client();
    }

    /** The real adapters and services over it. */
    public TestBackend backend() {
        return new TestBackend(client());
    }

    /** jqwik's hook: starts the container class's static {@link DynamoDbLocalPerClass} fields, and closes them after. */
    public static final class InContainer implements AroundContainerHook {
        @Override
        public void beforeContainer(ContainerLifecycleContext context) {
            for (var field : fields(context)) field.start();
        }

        @Override
        public void afterContainer(ContainerLifecycleContext context) {
            for (var field : fields(context)) field.close();
        }

        /** Outside the class's own @BeforeContainer / @AfterContainer methods (jqwik runs those at -10), so they can use it. */
        @Override
        public int proximity() {
            return -11;
        }

        private static List<DynamoDbLocalPerClass> fields(ContainerLifecycleContext context) {
            var found = new ArrayList<DynamoDbLocalPerClass>();
            for (Class<?> c = context.optionalContainerClass().orElseThrow(); c != null; c = c.getSuperclass()) {
                for (var field : c.getDeclaredFields()) {
                    if (field.getType() != DynamoDbLocalPerClass.class || !Modifier.isStatic(field.getModifiers())) continue;
                    field.setAccessible(true);
                    try {
                        found.add((DynamoDbLocalPerClass) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            if (found.isEmpty()) throw new IllegalStateException(context.label() + " has no static DynamoDbLocalPerClass field");
            return found;
        }
    }
}
