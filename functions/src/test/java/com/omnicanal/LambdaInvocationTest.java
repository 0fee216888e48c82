package com.omnicanal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The events/ samples, fed as JSON bytes through Spring Cloud Function's AWS FunctionInvoker exactly as the Lambda
 * runtime does (handler and MAIN_CLASS as in template.yaml), against DynamoDB Local.
 */
class LambdaInvocationTest {
    private static final Path EVENTS = Path.of("..", "events");
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static TestBackend backend;
    private static final Map<String, FunctionInvoker> invokers = new HashMap<>();

    @BeforeAll
    static void start() {
        System.setProperty("MAIN_CLASS", OmnicanalApplication.class.getName());
        backend = new TestBackend(dynamo.client());
        Wiring.install(new Wiring(new com.omnicanal.infrastructure.config.Settings(Map.of(
                "TWILIO_AUTH_TOKEN", "test-auth-token", "PUBLIC_BASE_URL", "https://api.omnicanal.example",
                "TWILIO_API_BASE", "http://127.0.0.1:9", "SMTP_PORT", "9",
                "FEEDBACK_TOKEN_SECRET", "lambda-invocation-test-secret-0123456789")), dynamo.client(), backend.clock));
        backend.loadDemoCatalog();
        backend.stock("TSH-COT-BLU-M", "paris-rivoli", 8);
        backend.stock("TSH-COT-BLU-M", "WEB", 30);
    }

    @AfterAll
    static void stop() {
        Wiring.install(null);
    }

    private static JsonNode invoke(Functions function, JsonNode event) throws Exception {
        var invoker = invokers.computeIfAbsent(function.definition(), FunctionInvoker::new);
        var out = new ByteArrayOutputStream();
        invoker.handleRequest(new ByteArrayInputStream(Json.MAPPER.writeValueAsBytes(event)), out, null);
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static ObjectNode event(String file) throws Exception {
        return (ObjectNode) Json.MAPPER.readTree(Files.readString(EVENTS.resolve(file)));
    }

    private static JsonNode body(JsonNode response) throws Exception {
        return Json.MAPPER.readTree(response.get("body").asText());
    }

    @Test
    void publicCatalogEventsAnswerWithJson() throws Exception {
        var products = invoke(Functions.CATALOG_API, event("get-products.json"));
        assertThat(products.get("statusCode").asInt()).isEqualTo(200);
        assertThat(products.get("headers").get("Content-Type").asText()).isEqualTo("application/json");
        assertThat(body(products).get("items").isArray()).isTrue();

        assertThat(body(invoke(Functions.CATALOG_API, event("get-stores.json"))).get("items").size()).isEqualTo(6);
        var stock = invoke(Functions.STOCK_API, event("get-stock.json"));
        assertThat(stock.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(stock).get("sku").asText()).isEqualTo("TSH-COT-BLU-M");
    }

    @Test
    void reservationJourneyThroughTheLambdaHandler() throws Exception {
        var created = invoke(Functions.RESERVATION_API, event("post-reservation.json"));
        assertThat(created.get("statusCode").asInt()).isEqualTo(201);
        assertThat(created.get("headers").has("Location")).isTrue();
        // the adapter must not leak Spring message headers into the HTTP response
        assertThat(created.get("headers").size()).isLessThanOrEqualTo(3);
        var id = body(created).get("id").asText();

        for (var file : new String[] {"get-reservation.json", "get-my-reservations.json"}) {
            var response = invoke(Functions.RESERVATION_API, withId(event(file), id));
            assertThat(response.get("statusCode").asInt()).as(file).isEqualTo(200);
        }
        var staffList = invoke(Functions.RESERVATION_API, event("get-store-reservations.json"));
        assertThat(staffList.get("statusCode").asInt()).isEqualTo(200);
        var completed = invoke(Functions.RESERVATION_API, withId(event("post-complete-reservation.json"), id));
        assertThat(completed.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(completed).get("status").asText()).isEqualTo("COMPLETED");
        var cancelTooLate = invoke(Functions.RESERVATION_API, withId(event("delete-reservation.json"), id));
        assertThat(cancelTooLate.get("statusCode").asInt()).isEqualTo(409);
        assertThat(cancelTooLate.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
    }

    @Test
    void stockFeedEventIsAppliedOnceThenStale() throws Exception {
        var first = invoke(Functions.STOCK_API, event("put-store-stock.json"));
        assertThat(first.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(first).get("applied").asBoolean()).isTrue();
        var replay = invoke(Functions.STOCK_API, event("put-store-stock.json"));
        assertThat(body(replay).get("applied").asBoolean()).isFalse();
    }

    @Test
    void appointmentEventsAnswerThroughTheLambdaHandler() throws Exception {
        var types = invoke(Functions.APPOINTMENT_API, event("get-appointment-types.json"));
        assertThat(types.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(types).get("items").isArray()).isTrue();
        // nothing is offered at that store in this database: the type is unknown
        var slots = invoke(Functions.APPOINTMENT_API, event("get-appointment-slots.json"));
        assertThat(slots.get("statusCode").asInt()).isEqualTo(404);
        assertThat(slots.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
        var sweep = invoke(Functions.APPOINTMENT_SWEEPER, event("schedule-appointment-sweep.json"));
        assertThat(sweep.get("expired").asInt()).isZero();
        assertThat(sweep.get("reminded").asInt()).isZero();
    }

    @Test
    void signInTriggerPutsTheAccountsRoleAndStoreInTheIdTokenAndNothingMoreForAForgedRole() throws Exception {
        var staff = invoke(Functions.SIGN_IN_CLAIMS, event("cognito-pre-token-generation.json"));
        // Cognito takes its event back: what it sent, with the response filled in
        assertThat(staff.get("userPoolId").asText()).isEqualTo("eu-west-3_Example1");
        assertThat(staff.get("triggerSource").asText()).isEqualTo("TokenGeneration_HostedAuth");
        assertThat(staff.get("version").asText()).isEqualTo("1");
        assertThat(staff.get("callerContext").get("clientId").asText()).isEqualTo("1example23456789");
        var claims = staff.get("response").get("claimsOverrideDetails").get("claimsToAddOrOverride");
        assertThat(claims.get("role").asText()).isEqualTo("staff");
        assertThat(claims.get("storeId").asText()).isEqualTo("paris-rivoli");

        var forged = event("cognito-pre-token-generation.json");
        ((ObjectNode) forged.get("request").get("userAttributes")).put("custom:role", "admin");
        var customer = invoke(Functions.SIGN_IN_CLAIMS, forged).get("response").get("claimsOverrideDetails")
                .get("claimsToAddOrOverride");
        assertThat(customer.get("role").asText()).isEqualTo("customer");
        assertThat(customer.has("storeId")).isFalse();
    }

    @Test
    void scheduleEventRunsTheSweeper() throws Exception {
        var result = invoke(Functions.RESERVATION_SWEEPER, event("schedule-sweep.json"));
        assertThat(result.get("released").asInt()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void twilioWebhooksAnswerWhenSignedAndRefuseForgeries() throws Exception {
        var status = invoke(Functions.MESSAGING_API, event("post-twilio-status.json"));
        assertThat(status.get("statusCode").asInt()).isEqualTo(204);
        var inbound = invoke(Functions.MESSAGING_API, event("post-twilio-inbound.json"));
        assertThat(inbound.get("statusCode").asInt()).isEqualTo(200);
        assertThat(inbound.get("body").asText()).startsWith("<Response><Message>").contains("START");
        var redelivered = invoke(Functions.MESSAGING_API, event("post-twilio-inbound.json"));
        assertThat(redelivered.get("statusCode").asInt()).isEqualTo(200);
        assertThat(redelivered.get("body").asText()).isEqualTo("<Response/>");

        var forged = event("post-twilio-status.json");
        ((ObjectNode) forged.get("headers")).put("x-twilio-signature", "bm90IHRoZSByaWdodCBvbmU=");
        var refused = invoke(Functions.MESSAGING_API, forged);
        assertThat(refused.get("statusCode").asInt()).isEqualTo(403);
        var unsigned = event("post-twilio-inbound.json");
        ((ObjectNode) unsigned.get("headers")).remove("x-twilio-signature");
        assertThat(invoke(Functions.MESSAGING_API, unsigned).get("statusCode").asInt()).isEqualTo(403);
        var tampered = event("post-twilio-inbound.json");
        tampered.put("body", java.util.Base64.getEncoder().encodeToString(
                "From=%2B33612345678&Body=START".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(invoke(Functions.MESSAGING_API, tampered).get("statusCode").asInt()).isEqualTo(403);
    }

    @Test
    void deliveryLogEventsAnswer() throws Exception {
        assertThat(invoke(Functions.MESSAGING_API, event("get-my-messages.json")).get("statusCode").asInt())
                .isEqualTo(200);
        assertThat(invoke(Functions.MESSAGING_API, event("get-ops-messages.json")).get("statusCode").asInt())
                .isEqualTo(200);
        var asCustomer = event("get-ops-messages.json");
        ((ObjectNode) asCustomer.at("/requestContext/authorizer/jwt/claims")).put("role", "customer");
        assertThat(invoke(Functions.MESSAGING_API, asCustomer).get("statusCode").asInt()).isEqualTo(403);
    }

    @Test
    void streamAndRedriveEventsRunTheDispatcherFunctions() throws Exception {
        var response = invoke(Functions.OUTBOX_DISPATCHER, event("dynamodb-outbox-stream.json"));
        assertThat(response.get("batchItemFailures")).isEmpty();
        // a business event in the same stream is not a message: the dispatcher passes it by, feedback takes it
        assertThat(invoke(Functions.OUTBOX_DISPATCHER, event("dynamodb-business-event-stream.json"))
                .get("batchItemFailures")).isEmpty();
        assertThat(invoke(Functions.FEEDBACK_EVENTS, event("dynamodb-business-event-stream.json"))
                .get("batchItemFailures")).isEmpty();
        assertThat(invoke(Functions.MESSAGE_REDRIVE, event("schedule-redrive.json")).get("redriven").asInt())
                .isZero();
    }

    @Test
    void sesNotificationsFromSnsRunTheMailFeedbackFunction() throws Exception {
        // the samples' address is no customer's here: read, handled, nothing to change
        for (var file : new String[] {"sns-ses-bounce.json", "sns-ses-complaint.json"}) {
            var handled = invoke(Functions.MAIL_FEEDBACK, event(file));
            assertThat(handled.get("notifications").asInt()).as(file).isEqualTo(1);
            assertThat(handled.get("unknownAddresses").asInt()).as(file).isEqualTo(1);
        }
    }

    @Test
    void clickAndCollectEventsThroughTheLambdaHandler() throws Exception {
        // the large T-shirt is only at the web warehouse: the order waits for the customer's choice
        backend.stock("TSH-COT-BLU-L", "paris-rivoli", 0);
        backend.stock("TSH-COT-BLU-L", "WEB", 5);
        var placed = invoke(Functions.ORDER_API, event("post-order.json"));
        assertThat(placed.get("statusCode").asInt()).isEqualTo(201);
        var id = body(placed).get("id").asText();
        assertThat(body(placed).get("status").asText()).isEqualTo("AWAITING_CUSTOMER");
        var confirmed = invoke(Functions.ORDER_API, withId(event("post-order-confirm-option.json"), id));
        assertThat(confirmed.get("statusCode").asInt()).isEqualTo(200);
        for (var file : new String[] {"get-order.json", "get-my-orders.json", "get-my-deliveries.json", "get-store-orders.json",
                "post-store-order-accept.json"}) {
            var response = invoke(Functions.ORDER_API, withId(event(file), id));
            assertThat(response.get("statusCode").asInt()).as(file).isEqualTo(200);
        }
        // ready only once the transfer arrived: the warehouse (ops, as WEB) sends it, Paris Rivoli receives it
        var transferId = id + "-WEB";
        var dispatch = withId(event("post-transfer-dispatch.json"), transferId);
        ((ObjectNode) dispatch.get("pathParameters")).put("storeId", "WEB");
        dispatch.put("rawPath", "/stores/WEB/transfers/" + transferId + "/dispatch");
        ((ObjectNode) dispatch.at("/requestContext/http")).put("path", "/stores/WEB/transfers/" + transferId + "/dispatch");
        var claims = (ObjectNode) dispatch.at("/requestContext/authorizer/jwt/claims");
        claims.put("sub", "ops-amelie").put("role", "ops").remove("storeId");
        assertThat(invoke(Functions.ORDER_API, dispatch).get("statusCode").asInt()).isEqualTo(200);
        assertThat(invoke(Functions.ORDER_API, withId(event("post-transfer-receive.json"), transferId)).get("statusCode")
                .asInt()).isEqualTo(200);
        assertThat(invoke(Functions.ORDER_API, withId(event("post-store-order-ready.json"), id)).get("statusCode").asInt())
                .isEqualTo(200);
        var wrongCode = invoke(Functions.ORDER_API, withId(event("post-store-order-collect.json"), id));
        assertThat(wrongCode.get("statusCode").asInt()).isEqualTo(409);
        var cancelled = invoke(Functions.ORDER_API, withId(event("post-store-order-cancel.json"), id));
        assertThat(body(cancelled).get("status").asText()).isEqualTo("CANCELLED");
        assertThat(invoke(Functions.ORDER_SWEEPER, event("schedule-order-sweep.json")).get("payments").asInt())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void returnEventsThroughTheLambdaHandler() throws Exception {
        var unknownOrder = invoke(Functions.RETURN_API, event("post-return.json"));
        assertThat(unknownOrder.get("statusCode").asInt()).isEqualTo(404);
        assertThat(invoke(Functions.RETURN_API, event("get-return.json")).get("statusCode").asInt()).isEqualTo(404);
        var report = invoke(Functions.RETURN_API, event("get-returns-report.json"));
        assertThat(report.get("statusCode").asInt()).isEqualTo(200);
        assertThat(body(report).get("receivedForOtherStores").get("returns").asInt()).isZero();
        assertThat(invoke(Functions.RETURN_API, event("post-ops-return-refund.json")).get("statusCode").asInt())
                .isEqualTo(404);
        assertThat(invoke(Functions.RETURN_SWEEPER, event("schedule-return-sweep.json")).get("expired").asInt())
                .isZero();
    }

    @Test
    void customerEventsThroughTheLambdaHandler() throws Exception {
        assertThat(invoke(Functions.CUSTOMER_API, event("get-me.json")).get("statusCode").asInt()).isEqualTo(200);
        var patched = invoke(Functions.CUSTOMER_API, event("patch-me.json"));
        assertThat(body(patched).get("quietHours").get("timeZone").asText()).isEqualTo("Europe/Paris");
        assertThat(invoke(Functions.CUSTOMER_API, event("post-identity.json")).get("statusCode").asInt()).isEqualTo(202);
        assertThat(invoke(Functions.CUSTOMER_API, event("post-identity-verify.json")).get("statusCode").asInt())
                .isEqualTo(400);
        assertThat(invoke(Functions.CUSTOMER_API, event("put-consents.json")).get("statusCode").asInt()).isEqualTo(200);
        for (var file : new String[] {"get-consents.json", "get-timeline.json", "get-export.json"}) {
            assertThat(invoke(Functions.CUSTOMER_API, event(file)).get("statusCode").asInt()).as(file).isEqualTo(200);
        }
        assertThat(invoke(Functions.CUSTOMER_API, event("post-store-customer.json")).get("statusCode").asInt())
                .isEqualTo(201);
        assertThat(invoke(Functions.CUSTOMER_API, event("get-store-customer.json")).get("statusCode").asInt())
                .isEqualTo(200);
        assertThat(invoke(Functions.CUSTOMER_API, event("post-store-customer-merge.json")).get("statusCode").asInt())
                .isEqualTo(404);
        assertThat(invoke(Functions.CUSTOMER_API, event("delete-me.json")).get("statusCode").asInt()).isEqualTo(204);
    }

    @Test
    void feedbackEventsThroughTheLambdaHandler() throws Exception {
        var created = invoke(Functions.FEEDBACK_API, event("post-questionnaire.json"));
        assertThat(created.get("statusCode").asInt()).as(created.toString()).isEqualTo(201);
        var id = body(created).get("id").asText();
        assertThat(body(invoke(Functions.FEEDBACK_API, event("get-questionnaires.json"))).get("items").size())
                .isEqualTo(1);
        for (var file : new String[] {"get-questionnaire.json", "get-questionnaire-results.json"}) {
            var response = invoke(Functions.FEEDBACK_API, withId(event(file), id));
            assertThat(response.get("statusCode").asInt()).as(file).isEqualTo(200);
        }
        var v2 = invoke(Functions.FEEDBACK_API, withId(event("put-questionnaire.json"), id));
        assertThat(body(v2).get("version").asInt()).isEqualTo(2);
        // the sample token is not signed with this key: the link opens nothing
        assertThat(invoke(Functions.FEEDBACK_API, event("get-feedback.json")).get("statusCode").asInt()).isEqualTo(404);
        assertThat(invoke(Functions.FEEDBACK_API, event("post-feedback.json")).get("statusCode").asInt()).isEqualTo(404);
        // the questionnaire targets store events, not page views
        assertThat(body(invoke(Functions.FEEDBACK_API, event("post-feedback-prompt.json"))).get("show").asBoolean())
                .isFalse();
        assertThat(invoke(Functions.FEEDBACK_API, event("post-my-feedback-prompt.json")).get("statusCode").asInt())
                .isEqualTo(200);
        assertThat(invoke(Functions.FEEDBACK_API, event("post-reward-redeem.json")).get("statusCode").asInt())
                .isEqualTo(404);
        assertThat(invoke(Functions.FEEDBACK_API, event("post-store-visit.json")).get("statusCode").asInt())
                .isEqualTo(404);
        assertThat(invoke(Functions.FEEDBACK_SWEEPER, event("schedule-sweep.json")).get("queued").asInt()).isZero();
    }

    private static ObjectNode withId(ObjectNode event, String id) {
        var params = (ObjectNode) event.get("pathParameters");
        if (params != null && params.has("id")) {
            var old = params.get("id").asText();
            params.put("id", id);
            event.put("rawPath", event.get("rawPath").asText().replace(old, id));
        }
        return event;
    }
}
