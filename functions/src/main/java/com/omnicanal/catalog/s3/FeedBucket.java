package com.omnicanal.catalog.s3;

import com.omnicanal.infrastructure.config.Settings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Reads the feed files ops (or the PIM) upload to the catalogue's feed bucket. */
public final class FeedBucket {
    private final S3Client s3;

    public FeedBucket(S3Client s3) {
        this.s3 = s3;
    }

    /** Built once per container, like the DynamoDB client; S3_ENDPOINT (a stand-in, path-style) for tests. */
    public static FeedBucket fromSettings(Settings settings) {
        var builder = S3Client.builder().region(Region.of(settings.get("AWS_REGION", "eu-west-3")))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        settings.get("S3_ENDPOINT").ifPresentOrElse(
                endpoint -> builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))),
                () -> builder.credentialsProvider(settings.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").isPresent()
                        ? ContainerCredentialsProvider.builder().build()
                        : EnvironmentVariableCredentialsProvider.create()));
        return new FeedBucket(builder.build());
    }

    /** The object as UTF-8 text (a feed of 50,000 products is about 15 MB: read whole, it is hashed and checked whole). */
    public String read(String bucket, String key) {
        return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
    }
}
