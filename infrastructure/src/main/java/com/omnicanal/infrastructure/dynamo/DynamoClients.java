package com.omnicanal.infrastructure.dynamo;

import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.tracing.Tracing;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Builds the DynamoDB client once per container, with the URL-connection HTTP client (smallest, fastest start). */
public final class DynamoClients {
    private DynamoClients() {
    }

    /**
     * On Lambda: region and credentials from the environment. With DYNAMODB_ENDPOINT set (local stack, tests): that
     * endpoint and dummy credentials.
     */
    public static DynamoDbClient fromSettings(Settings settings) {
        return fromSettings(settings, Tracing.OFF);
    }

    /** ... each call an X-Ray subsegment when tracing is on. */
    public static DynamoDbClient fromSettings(Settings settings, Tracing tracing) {
        var region = Region.of(settings.get("AWS_REGION", "eu-west-3"));
        var builder = DynamoDbClient.builder()
                .region(region)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.get("DYNAMODB_ENDPOINT").ifPresentOrElse(
                endpoint -> builder.endpointOverride(URI.create(endpoint))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                () -> builder.credentialsProvider(settings.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                        // SnapStart functions get refreshable container credentials, not environment keys
                        ? ContainerCredentialsProvider.builder().build()
                        : EnvironmentVariableCredentialsProvider.create()));
        if (tracing.isOn()) builder.overrideConfiguration(c -> c.addExecutionInterceptor(tracing.awsSdk()));
        return builder.build();
    }
}
