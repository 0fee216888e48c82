package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouterTest {
    record Order(String sku, Integer quantity) {
    }

    private final Router router = Router.builder()
            .route("POST /things", r -> ApiResponse.ok(r.body(Order.class)))
            .route("GET /boom", r -> {
                throw new IllegalStateException("secret internals");
            })
            .errors(e -> e instanceof UnsupportedOperationException
                    ? Optional.of(Problem.of(409, "x", "X", "mapped")) : Optional.empty())
            .build();

    private static APIGatewayV2HTTPEvent post(String body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /things").withBody(body).build();
    }

    private static String field(com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response)
            throws Exception {
        return Json.MAPPER.readTree(response.getBody()).get("errors").get(0).get("field").asText();
    }

    @Test
    void parsesAGoodBody() {
        var response = router.apply(post("{\"sku\":\"A\",\"quantity\":2}"));
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"quantity\":2");
    }

    @Test
    void badBodiesAre400ProblemsNamingTheField() throws Exception {
        var wrongType = router.apply(post("{\"sku\":\"A\",\"quantity\":\"two\"}"));
        assertThat(wrongType.getStatusCode()).isEqualTo(400);
        assertThat(wrongType.getHeaders()).containsEntry("Content-Type", "application/problem+json");
        assertThat(field(wrongType)).isEqualTo("quantity");
        assertThat(field(router.apply(post("{\"sku\":\"A\",\"quantiy\":1}")))).isEqualTo("quantiy");
        assertThat(field(router.apply(post("{\"sku\":")))).isEqualTo("body");
        assertThat(field(router.apply(post("")))).isEqualTo("body");
        assertThat(field(router.apply(post("[1,2]")))).isEqualTo("body");
        assertThat(field(router.apply(post("{\"sku\":1.5}")))).isEqualTo("sku");
    }

    @Test
    void unknownFailuresBecomeA500WithoutInternals() {
        var response = router.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /boom").build());
        assertThat(response.getStatusCode()).isEqualTo(500);
        assertThat(response.getBody()).doesNotContain("secret internals").doesNotContain("Exception");
    }

    @Test
    void oversizedBodiesAreRefused() {
        var response = router.apply(post("x".repeat(Router.MAX_BODY_BYTES + 1)));
        assertThat(response.getStatusCode()).isEqualTo(413);
    }

    @Test
    void unknownRoutesAre404() {
        assertThat(router.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("GET /nope").build()).getStatusCode())
                .isEqualTo(404);
    }
}
