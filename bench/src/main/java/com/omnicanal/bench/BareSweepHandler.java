package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reservation sweeper's baseline for cold starts: a bare {@code RequestHandler} making the sweeper's query of the
 * holds past their expiry (the open-by-expiry index, each of its 9 keys, 100 at most). Nothing is due in the bench, as on most runs of a
 * five-minute schedule, so that query is the whole of the sweeper's work. Not production code.
 */
public final class BareSweepHandler implements RequestHandler<ScheduledEvent, Map<String, Integer>> {
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "eu-west-3")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();

    /** The expiry index's keys the sweeper reads (ExpiryShards: HELD#0 to HELD#7, then HELD), as plain strings. */
    private static final List<String> KEYS = List.of("HELD#0", "HELD#1", "HELD#2", "HELD#3", "HELD#4", "HELD#5", "HELD#6",
            "HELD#7", "HELD");

    @Override
    public Map<String, Integer> handleRequest(ScheduledEvent event, Context context) {
        int due = 0;
        for (var key : KEYS) {
            due += DYNAMO.query(r -> r.tableName("Orders").indexName("openByExpiry")
                    .keyConditionExpression("openStatus = :held AND expiresAt <= :now")
                    .expressionAttributeValues(Map.of(":held", AttributeValue.fromS(key),
                            ":now", AttributeValue.fromS(Instant.now().toString()))).limit(100)).items().size();
        }
        return Map.of("released", due);
    }
}
