package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The dispatcher's baseline for cold starts: a bare {@code RequestHandler} doing the dispatcher's DynamoDB calls for
 * each stream record by hand (read the message, read the customer, claim, mark sent) and one form POST to Twilio's
 * Messages API over HttpURLConnection. No templates, consent, channel choice or retries. Not production code.
 */
public final class BareDispatchHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "eu-west-3")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        for (var record : event.getRecords()) {
            var id = record.getDynamodb().getKeys().get("id").getS();
            var key = Map.of("id", AttributeValue.fromS(id));
            var message = DYNAMO.getItem(r -> r.tableName("Outbox").key(key).consistentRead(true)).item();
            var customer = message.get("customerId").s();
            var profile = DYNAMO.query(r -> r.tableName("Customers").keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("CUSTOMER#" + customer)))).items();
            var phone = profile.isEmpty() ? "+33612345678" : profile.get(0).getOrDefault("phone", AttributeValue.fromS("+33612345678")).s();
            DYNAMO.updateItem(r -> r.tableName("Outbox").key(key).updateExpression("SET #s = :v")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("SENDING"))));
            var sid = send(phone, "Votre réservation " + id + " est confirmée.");
            DYNAMO.updateItem(r -> r.tableName("Outbox").key(key).updateExpression("SET #s = :v, providerId = :p")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromS("SENT"), ":p", AttributeValue.fromS(sid))));
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    private static String send(String to, String body) {
        try {
            var account = System.getenv().getOrDefault("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000");
            var url = URI.create(System.getenv("TWILIO_API_BASE") + "/2010-04-01/Accounts/" + account + "/Messages.json").toURL();
            var connection = (HttpURLConnection) url.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (account + ":" + System.getenv("TWILIO_AUTH_TOKEN")).getBytes(StandardCharsets.UTF_8)));
            connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            var form = "To=" + URLEncoder.encode(to, StandardCharsets.UTF_8) + "&From=%2B33700000000&Body="
                    + URLEncoder.encode(body, StandardCharsets.UTF_8);
            try (var out = connection.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
            try (var in = connection.getInputStream()) {
                var answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                return answer.replaceAll("(?s).*\"sid\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
