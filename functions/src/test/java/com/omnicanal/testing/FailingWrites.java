package com.omnicanal.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/** A DynamoDB client whose named operations are throttled (nothing written) while {@link #failing} is set. */
public final class FailingWrites {
    public volatile boolean failing;
    public final AtomicInteger refused = new AtomicInteger();
    private final DynamoDbClient client;

    public FailingWrites(DynamoDbClient real, String... operations) {
        var names = Set.of(operations);
        this.client = (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (failing && names.contains(method.getName())) {
                        refused.incrementAndGet();
                        throw ProvisionedThroughputExceededException.builder().statusCode(400)
                                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                        .errorMessage("injected throttle").build()).build();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    public DynamoDbClient client() {
        return client;
    }
}
