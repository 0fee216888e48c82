package com.omnicanal.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The baseline: the reserve function written as a bare Lambda {@code RequestHandler}, no Spring, no domain layer. Same
 * TransactWriteItems as DynamoReservations.hold (stock hold, reservation, outbox message, idempotency claim), same
 * static client with the URL-connection HTTP client. Not production code: no validation, no error mapping.
 */
public final class BareReserveHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DynamoDbClient DYNAMO = DynamoDbClient.builder()
            .endpointOverride(URI.create(System.getenv("DYNAMODB_ENDPOINT")))
            .region(Region.of(System.getenv().getOrDefault("AWS_REGION", "eu-west-3")))
            .httpClientBuilder(UrlConnectionHttpClient.builder())
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();

    /** The handler's client, for a baseline that adds the reads the reserve function makes. */
    static DynamoDbClient client() {
        return DYNAMO;
    }

    record Request(String sku, String storeId, int quantity) {
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        try {
            var request = JSON.readValue(event.getBody(), Request.class);
            var customer = event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub");
            var id = write(customer, request.sku(), request.storeId(), request.quantity(),
                    event.getHeaders().get("idempotency-key"));
            var body = JSON.writeValueAsString(Map.of("id", id, "sku", request.sku(), "storeId", request.storeId(),
                    "quantity", request.quantity(), "status", "HELD"));
            return APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                    .withHeaders(Map.of("Content-Type", "application/json", "Location", "/reservations/" + id))
                    .withBody(body).build();
        } catch (java.io.IOException e) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(400).build();
        }
    }

    /** The four writes of one reservation in one transaction; returns the reservation id. */
    public static String write(String customer, String sku, String storeId, int quantity, String idempotencyKey) {
        var id = UUID.randomUUID().toString();
        var now = Instant.now();
        var q = AttributeValue.fromN(Integer.toString(quantity));
        var reservation = new HashMap<String, AttributeValue>();
        reservation.put("id", s(id));
        reservation.put("type", s("RESERVATION"));
        reservation.put("customerId", s(customer));
        reservation.put("createdAt", s(now.toString()));
        reservation.put("updatedAt", s(now.toString()));
        reservation.put("expiresAt", s(now.plus(48, ChronoUnit.HOURS).toString()));
        reservation.put("storeId", s(storeId));
        reservation.put("storeStatusKey", s("RESERVATION#HELD#" + now));
        reservation.put("openStatus", s("HELD"));
        reservation.put("sku", s(sku));
        reservation.put("productName", s("T-shirt coton bleu M"));
        reservation.put("storeName", s("Paris Rivoli"));
        reservation.put("quantity", q);
        reservation.put("status", s("HELD"));
        var outbox = new HashMap<String, AttributeValue>();
        outbox.put("id", s("RESERVATION_CONFIRMED#" + id));
        outbox.put("kind", s("RESERVATION_CONFIRMED"));
        outbox.put("customerId", s(customer));
        outbox.put("purpose", s("TRANSACTIONAL"));
        outbox.put("urgency", s("NORMAL"));
        outbox.put("dedupeKey", s("RESERVATION_CONFIRMED#" + id));
        outbox.put("templateData", AttributeValue.fromM(Map.of("reservationId", s(id), "storeName", s("Paris Rivoli"))));
        outbox.put("status", s("PENDING"));
        outbox.put("createdAt", s(now.toString()));
        var claim = new HashMap<String, AttributeValue>();
        claim.put("id", s("reservations:" + customer + ":" + idempotencyKey));
        claim.put("fingerprint", s(Integer.toHexString((sku + storeId + quantity).hashCode())));
        claim.put("response", AttributeValue.fromM(reservation));
        claim.put("expiration", AttributeValue.fromN(Long.toString(now.plus(24, ChronoUnit.HOURS).getEpochSecond())));
        DYNAMO.transactWriteItems(TransactWriteItemsRequest.builder().transactItems(List.of(
                TransactWriteItem.builder().update(Update.builder().tableName("Stock")
                        .key(Map.of("pk", s("SKU#" + sku), "sk", s("LOC#" + storeId)))
                        .updateExpression("SET reserved = reserved + :q, available = available - :q")
                        .conditionExpression("available >= :q")
                        .expressionAttributeValues(Map.of(":q", q))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("Orders").item(reservation)
                        .conditionExpression("attribute_not_exists(id)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("Outbox").item(outbox)
                        .conditionExpression("attribute_not_exists(id)").build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName("Idempotency").item(claim)
                        .conditionExpression("attribute_not_exists(id) OR #exp < :now")
                        .expressionAttributeNames(Map.of("#exp", "expiration"))
                        .expressionAttributeValues(Map.of(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                        .build()).build())).build());
        return id;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
