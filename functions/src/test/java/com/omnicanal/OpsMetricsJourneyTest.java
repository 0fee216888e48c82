package com.omnicanal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.testing.MetricLines;
import com.omnicanal.testing.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What ops will see of a journey: the functions run as on Lambda (API Gateway events through {@link Functions}, the
 * schedules), on DynamoDB Local, with the real embedded-metric-format writer; the lines it wrote are read back as
 * CloudWatch Logs reads them and checked by name, dimensions and value. Monday 23 November 2026, 10:00 in Paris: every
 * demo store is open.
 */
class OpsMetricsJourneyTest {
    private static final String STORE = "paris-rivoli";
    private DynamoDbLocal dynamo;
    private TestBackend backend;
    private MetricLines lines;

    @BeforeEach
    void start() {
        dynamo = DynamoDbLocal.inMemory();
        backend = new TestBackend(dynamo.client());
        backend.loadDemoCatalog();
        lines = new MetricLines(backend.clock);
        Wiring.install(new Wiring(new Settings(Map.of("TWILIO_AUTH_TOKEN", "test-auth-token",
                "FEEDBACK_TOKEN_SECRET", "ops-metrics-journey-test-secret-0123456789")), dynamo.client(), backend.clock,
                lines.metrics()));
        backend.stock("TSH-COT-BLU-M", STORE, 8);
    }

    @AfterEach
    void stop() {
        Wiring.install(null);
        dynamo.close();
    }

    private static APIGatewayV2HTTPEvent event(String file, Map<String, String> path, Object body, Map<String, String> claims,
                                               Map<String, String> headers) throws Exception {
        var json = (ObjectNode) Json.MAPPER.readTree(Files.readString(Path.of("..", "events", file)));
        var event = Json.MAPPER.treeToValue(json, APIGatewayV2HTTPEvent.class);
        event.setPathParameters(path);
        event.setBody(body == null ? null : Json.MAPPER.writeValueAsString(body));
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        var all = new HashMap<>(event.getHeaders());
        all.putAll(headers);
        event.setHeaders(all);
        return event;
    }

    private static APIGatewayV2HTTPResponse call(Functions function, APIGatewayV2HTTPEvent event) {
        return (APIGatewayV2HTTPResponse) function.apply(event);
    }

    private static final Map<String, String> CAMILLE = Map.of("sub", "cust-camille", "role", "customer");
    private static final Map<String, String> LEA = Map.of("sub", "staff-lea", "role", "staff", "storeId", STORE);

    private String placeOrder(String key, String correlationId) throws Exception {
        var response = call(Functions.ORDER_API, event("post-order.json", Map.of(),
                Map.of("lines", java.util.List.of(Map.of("sku", "TSH-COT-BLU-M", "quantity", 1)), "pickupStoreId", STORE,
                        "contact", Map.of("name", "Camille Martin", "phone", "06 12 34 56 78"),
                        "paymentAuthorization", "pa_metrics_0001"),
                CAMILLE, Map.of("idempotency-key", key, "x-correlation-id", correlationId)));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(201);
        return Json.MAPPER.readTree(response.getBody()).get("id").asText();
    }

    private APIGatewayV2HTTPResponse atStore(String file, String id, Object body) throws Exception {
        return call(Functions.ORDER_API, event(file, Map.of("storeId", STORE, "id", id), body, LEA, Map.of()));
    }

    @Test
    void anOrderJourneyTellsEachFigureOnceItsWriteIsDone() throws Exception {
        var id = placeOrder("metrics-order-1", "journey-7f3a");
        // the retry answers the same order: nothing new was placed
        assertThat(placeOrder("metrics-order-1", "journey-7f3b")).isEqualTo(id);

        assertThat(lines.values("OrdersPlaced", Map.of("StoreId", STORE))).containsExactly(1.0);
        assertThat(lines.values("OrdersPlaced", Map.of())).containsExactly(1.0);
        var placed = Json.MAPPER.readTree(lines.lines().stream().filter(l -> l.contains("\"OrdersPlaced\"")).findFirst()
                .orElseThrow());
        var directive = placed.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo(MetricLines.NAMESPACE);
        assertThat(directive.get("Dimensions")).isEqualTo(Json.MAPPER.readTree("[[\"StoreId\"], []]"));
        assertThat(directive.get("Metrics")).isEqualTo(Json.MAPPER.readTree("[{\"Name\": \"OrdersPlaced\", \"Unit\": \"Count\"}]"));
        assertThat(placed.get("_aws").get("Timestamp").asLong()).isEqualTo(TestBackend.START.toEpochMilli());
        assertThat(placed.get("correlationId").asText()).isEqualTo("journey-7f3a");
        assertThat(placed.get("orderId").asText()).isEqualTo(id);
        // each API answer: 5xx or not, and its time, per capability
        assertThat(lines.values("ApiServerErrors", Map.of("Capability", "order"))).containsExactly(0.0, 0.0);
        assertThat(lines.values("ApiLatency", Map.of("Capability", "order"))).hasSize(2).allMatch(ms -> ms >= 0);

        assertThat(atStore("post-store-order-accept.json", id, null).getStatusCode()).isEqualTo(200);
        assertThat(atStore("post-store-order-ready.json", id, null).getStatusCode()).isEqualTo(200);
        for (int i = 0; i < 5; i++) {
            assertThat(atStore("post-store-order-collect.json", id, Map.of("pickupCode", "ZZZZZ" + i)).getStatusCode())
                    .isEqualTo(409);
        }
        // locked: a sixth code is not compared, so not counted
        assertThat(atStore("post-store-order-collect.json", id, Map.of("pickupCode", "ZZZZZ9")).getStatusCode()).isEqualTo(409);
        assertThat(lines.sum("WrongPickupCodes", Map.of())).isEqualTo(5.0);
        assertThat(lines.values("PickupLockouts", Map.of())).containsExactly(1.0);
        assertThat(lines.of("PickupLockouts").get(0).properties()).containsEntry("storeId", STORE).containsEntry("orderId", id);

        // a second order waits past Paris Rivoli's 60-minute ready target; the sweep reads every store's late orders
        placeOrder("metrics-order-2", "journey-8c1d");
        backend.clock.advance(Duration.ofMinutes(61));
        lines.clear();
        Functions.ORDER_SWEEPER.apply(new ScheduledEvent());

        assertThat(lines.values("LateOrders", Map.of("StoreId", STORE))).containsExactly(1.0);
        assertThat(lines.values("LateOrders", Map.of("StoreId", "lyon-republique"))).containsExactly(0.0);
        assertThat(lines.of("LateOrders")).hasSize(6);
        assertThat(lines.values("StoresOpen", Map.of())).containsExactly(6.0);
        // a scheduled run has a correlation id of its own, for the messages it writes
        assertThat(lines.of("StoresOpen").get(0).properties()).containsKey("correlationId");
    }

    @Test
    void theSnapStartProbeIsNotARequest() {
        var probe = new APIGatewayV2HTTPEvent();
        probe.setRouteKey(Priming.PROBE_ROUTE);
        call(Functions.ORDER_API, probe);

        assertThat(lines.lines()).isEmpty();
    }

    @Test
    void storesClosedAtNightAreNotOpen() {
        backend.clock.advance(Duration.ofHours(12)); // 22:00 in Paris
        Functions.ORDER_SWEEPER.apply(new ScheduledEvent());

        assertThat(lines.values("StoresOpen", Map.of())).containsExactly(0.0);
    }

    @Test
    void expiredReservationsAreCountedByTheSweepThatReleasedThem() throws Exception {
        var reserved = reserveOne("metrics-reservation-1");
        assertThat(reserved.getStatusCode()).as(reserved.getBody()).isEqualTo(201);
        assertThat(lines.values("ApiServerErrors", Map.of("Capability", "reservation"))).containsExactly(0.0);

        Functions.RESERVATION_SWEEPER.apply(new ScheduledEvent());
        assertThat(lines.of("ReservationsExpired")).isEmpty();

        backend.clock.advance(Duration.ofHours(49));
        Functions.RESERVATION_SWEEPER.apply(new ScheduledEvent());
        Functions.RESERVATION_SWEEPER.apply(new ScheduledEvent());

        assertThat(lines.values("ReservationsExpired", Map.of())).containsExactly(1.0);
    }

    @Test
    void aDueHoldThatCannotBeReleasedIsReportedWithItsIdAndTheOthersAreReleased() throws Exception {
        var first = reserveOne("metrics-reservation-stuck");
        assertThat(first.getStatusCode()).as(first.getBody()).isEqualTo(201);
        // the stock item loses its held unit: one of the two holds' releases can never succeed
        backend.stock("TSH-COT-BLU-M", STORE, 5);
        var second = reserveOne("metrics-reservation-due");
        assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(201);
        backend.clock.advance(Duration.ofHours(49));

        Functions.RESERVATION_SWEEPER.apply(new ScheduledEvent());

        assertThat(lines.values("ReservationsExpired", Map.of())).containsExactly(1.0);
        assertThat(lines.values("ReservationsStuck", Map.of())).containsExactly(1.0);
        // the two holds share the one unit left held: the first released takes it, the other is stuck
        var ids = java.util.List.of(id(first), id(second));
        assertThat(lines.of("ReservationsStuck").get(0).properties().get("reservationId")).isIn(ids);
        assertThat(lines.of("ReservationsStuck").get(0).properties())
                .containsEntry("storeId", STORE);
    }

    private static String id(APIGatewayV2HTTPResponse created) throws Exception {
        return Json.MAPPER.readTree(created.getBody()).get("id").asText();
    }

    /** Camille reserves 1 unit at the store through the reservation function. */
    private static APIGatewayV2HTTPResponse reserveOne(String key) throws Exception {
        return call(Functions.RESERVATION_API, event("post-reservation.json", Map.of(),
                Map.of("sku", "TSH-COT-BLU-M", "storeId", STORE, "quantity", 1), CAMILLE, Map.of("idempotency-key", key)));
    }
}
