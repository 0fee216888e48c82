package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.omnicanal.Wiring;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MAX_RESERVATION_QUANTITY is the one truth: what ops deploy (template.yaml) is what the API accepts, contract included. */
class DeployedQuantityLimitTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static TestBackend backend;

    @BeforeAll
    static void start() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        backend.loadDemoCatalog();
        backend.stock("TSH-COT-BLU-M", "paris-rivoli", 100);
    }

    @ParameterizedTest(name = "deployed with {0}, a reservation of {1} answers {2}")
    @CsvSource({"10, 8, 201", "10, 10, 201", "10, 11, 400", "5, 5, 201", "5, 6, 400", "1, 2, 400"})
    void theDeployedMaximumIsTheLimit(int deployed, int quantity, int status) {
        var wiring = new Wiring(new Settings(Map.of("MAX_RESERVATION_QUANTITY", Integer.toString(deployed))),
                dynamo.client(), backend.clock);
        var response = wiring.reservationApi().apply(reserve(quantity, "k-" + deployed + "-" + quantity));
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(status);
        if (status == 400) assertThat(response.getBody()).contains("quantity");
    }

    private static APIGatewayV2HTTPEvent reserve(int quantity, String key) {
        var http = APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod("POST").withPath("/reservations").build();
        var context = APIGatewayV2HTTPEvent.RequestContext.builder().withHttp(http).withRouteKey("POST /reservations")
                .withRequestId(key).withAuthorizer(APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withJwt(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT.builder()
                                .withClaims(Map.of("sub", "cust-camille", "role", "customer")).build()).build());
        return APIGatewayV2HTTPEvent.builder().withVersion("2.0").withRouteKey("POST /reservations")
                .withRawPath("/reservations").withHeaders(Map.of("content-type", "application/json", "idempotency-key", key))
                .withRequestContext(context.build()).withIsBase64Encoded(false)
                .withBody("{\"sku\": \"TSH-COT-BLU-M\", \"storeId\": \"paris-rivoli\", \"quantity\": " + quantity + "}").build();
    }
}
