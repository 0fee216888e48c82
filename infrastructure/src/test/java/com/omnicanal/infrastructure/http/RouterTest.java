package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
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

    /** A route described by a contract, whose handler records what it was given. */
    private final List<Order> applied = new ArrayList<>();
    private final Router described = Router.builder()
            .route("POST /orders", r -> {
                applied.add(r.body(Order.class));
                return ApiResponse.ok(Map.of("applied", true));
            })
            .route("POST /hooks", r -> ApiResponse.ok(FormData.parse(r.rawBody())))
            .contract(RequestContract.parse(new ByteArrayInputStream("""
                    openapi: 3.0.3
                    paths:
                      /orders:
                        post:
                          requestBody:
                            required: true
                            content:
                              application/json:
                                schema:
                                  type: object
                                  additionalProperties: false
                                  properties:
                                    sku: {type: string, maxLength: 10}
                                    quantity: {type: integer, minimum: 0, maximum: 100}
                      /hooks:
                        post:
                          requestBody:
                            content:
                              application/x-www-form-urlencoded:
                                schema: {type: object, properties: {Body: {type: string, maxLength: 10}}}
                    """.getBytes(StandardCharsets.UTF_8))))
            .build();

    private static APIGatewayV2HTTPEvent order(String body, String contentType) {
        var headers = contentType == null ? Map.<String, String>of() : Map.of("content-type", contentType);
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /orders").withHeaders(headers).withBody(body).build();
    }

    private static APIGatewayV2HTTPEvent orderBytes(byte[] body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /orders").withHeaders(Map.of("content-type", "application/json"))
                .withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true).build();
    }

    @Test
    void numbersADoubleCannotHoldAre400NamingTheFieldAndNothingIsApplied() throws Exception {
        for (var bad : List.of("1e309", "-1e309", "1e-400", "1.5", "1e2", "9223372036854775808")) {
            var response = described.apply(order("{\"sku\":\"A\",\"quantity\":" + bad + "}", "application/json"));
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(field(response)).as(bad).isEqualTo("quantity");
        }
        assertThat(applied).isEmpty();
        assertThat(described.apply(order("{\"sku\":\"A\",\"quantity\":0}", "application/json")).getStatusCode()).isEqualTo(200);
        assertThat(applied).containsExactly(new Order("A", 0));
    }

    @Test
    void theBindingAloneRefusesANonIntegerOrOutOfRangeValueForAnIntegerField() throws Exception {
        // the handler's own parse (router without a contract for the route): no silent truncation or overflow
        for (var bad : List.of("1.5", "1e2", "1e-400", "1e309", "3000000000")) {
            var response = router.apply(post("{\"sku\":\"A\",\"quantity\":" + bad + "}"));
            assertThat(response.getStatusCode()).as(bad).isEqualTo(400);
            assertThat(field(response)).as(bad).isEqualTo("quantity");
        }
        var twice = router.apply(post("{\"sku\":\"A\",\"quantity\":1,\"quantity\":2}"));
        assertThat(twice.getStatusCode()).isEqualTo(400);
        assertThat(field(twice)).isEqualTo("quantity");
    }

    @Test
    void invalidUtf8IsA400AndNotAReplacementCharacter() throws Exception {
        var valid = "{\"sku\":\"é\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(described.apply(orderBytes(valid)).getStatusCode()).isEqualTo(200);
        assertThat(applied).containsExactly(new Order("é", 1));
        for (var bytes : List.of(new byte[] {(byte) 0xff}, new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xc0, (byte) 0x80},
                new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})) {
            var body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"sku\":\"a".getBytes(StandardCharsets.UTF_8));
            body.writeBytes(bytes);
            body.writeBytes("\",\"quantity\":1}".getBytes(StandardCharsets.UTF_8));
            var response = described.apply(orderBytes(body.toByteArray()));
            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(field(response)).isEqualTo("body");
        }
        assertThat(applied).hasSize(1);
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415() throws Exception {
        var json = "{\"sku\":\"A\",\"quantity\":1}";
        for (var type : java.util.Arrays.asList("text/plain", null, "application/x-www-form-urlencoded")) {
            var response = described.apply(order(json, type));
            assertThat(response.getStatusCode()).as(type).isEqualTo(415);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(field(response)).isEqualTo("Content-Type");
            assertThat(Json.MAPPER.readTree(response.getBody()).get("type").asText()).endsWith("/unsupported-media-type");
        }
        assertThat(applied).isEmpty();
        assertThat(described.apply(order(json, "application/json; charset=utf-8")).getStatusCode()).isEqualTo(200);
        assertThat(described.apply(order(null, null)).getStatusCode()).isEqualTo(400);
        // the webhooks' form keeps working
        var form = described.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /hooks")
                .withHeaders(Map.of("content-type", "application/x-www-form-urlencoded")).withBody("Body=hi").build());
        assertThat(form.getStatusCode()).isEqualTo(200);
        assertThat(described.apply(APIGatewayV2HTTPEvent.builder().withRouteKey("POST /hooks")
                .withHeaders(Map.of("content-type", "application/json")).withBody("{}").build()).getStatusCode()).isEqualTo(415);
    }
}
