package com.omnicanal.infrastructure.dynamo;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.infrastructure.http.ResponseMemory;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The Idempotency table as a response memory, in {@link IdempotencyRecords}' format: a conditional put claims the key
 * (IN_PROGRESS), the answer is stored when the handler succeeds, and the claim is deleted when it fails, so only one of
 * concurrent duplicates runs.
 */
public final class DynamoResponseMemory implements ResponseMemory {
    /** A claim left IN_PROGRESS by a crashed invocation is taken over after this (longer than any Lambda timeout). */
    static final Duration IN_PROGRESS_TIMEOUT = Duration.ofMinutes(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoResponseMemory(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String scope, String fingerprint) {
        var now = clock.instant();
        try {
            var item = IdempotencyRecords.record(scope, fingerprint, now);
            item.put("state", s("IN_PROGRESS"));
            item.put("claimedAt", n(now.getEpochSecond()));
            dynamo.putItem(p -> p.tableName(table).item(item)
                    .conditionExpression(IdempotencyRecords.FREE + " OR (#state = :progress AND claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#exp", TableDefinitions.TTL_ATTRIBUTE, "#state", "state"))
                    .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()), ":progress", s("IN_PROGRESS"),
                            ":stale", n(now.minus(IN_PROGRESS_TIMEOUT).getEpochSecond()))));
            return new Claim.Fresh();
        } catch (ConditionalCheckFailedException e) {
            var stored = dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of("id", s(scope)))).item();
            if (stored == null || stored.isEmpty()) return new Claim.InProgress(); // released meanwhile: retry later
            if (!fingerprint.equals(stored.get("fingerprint").s())) return new Claim.KeyReused();
            if (!"DONE".equals(stored.get("state").s())) return new Claim.InProgress();
            Stored response;
            try {
                response = Json.MAPPER.readValue(stored.get("response").s(), Stored.class);
            } catch (java.io.IOException unreadable) {
                throw new IllegalStateException("unreadable stored response for " + scope, unreadable);
            }
            var headers = new LinkedHashMap<>(response.headers());
            headers.put("Idempotent-Replayed", "true");
            return new Claim.Replay(APIGatewayV2HTTPResponse.builder().withStatusCode(response.status())
                    .withHeaders(headers).withBody(response.body()).withIsBase64Encoded(false).build());
        }
    }

    @Override
    public void complete(String scope, String fingerprint, APIGatewayV2HTTPResponse response) {
        var stored = new Stored(response.getStatusCode(),
                response.getHeaders() == null ? Map.of() : response.getHeaders(), response.getBody());
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("id", s(scope)))
                .updateExpression("SET #state = :done, #response = :response")
                .conditionExpression("fingerprint = :fingerprint")
                .expressionAttributeNames(Map.of("#state", "state", "#response", "response"))
                .expressionAttributeValues(Map.of(":done", s("DONE"), ":response", s(Json.write(stored)),
                        ":fingerprint", s(fingerprint))));
    }

    @Override
    public void release(String scope) {
        dynamo.deleteItem(d -> d.tableName(table).key(Map.of("id", s(scope))));
    }

    record Stored(int status, Map<String, String> headers, String body) {
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
