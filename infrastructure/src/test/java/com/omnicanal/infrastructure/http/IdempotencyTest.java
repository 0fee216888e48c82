package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one idempotency component at the edge: the Router refuses a declared route without its mechanism. */
class IdempotencyTest {
    private static final RequestContract CONTRACT = RequestContract.parse(new ByteArrayInputStream("""
            openapi: 3.0.3
            paths:
              /visits:
                post:
                  x-idempotency: response
                  parameters:
                    - $ref: '#/components/parameters/OptionalIdempotencyKey'
              /orders:
                post:
                  x-idempotency: transactional
                  parameters:
                    - {name: Idempotency-Key, in: header, required: true, schema: {type: string}}
              /loose:
                post:
                  x-idempotency: transactional
              /plain:
                post: {}
            components:
              parameters:
                OptionalIdempotencyKey:
                  {name: Idempotency-Key, in: header, required: false, schema: {type: string}}
            """.getBytes(StandardCharsets.UTF_8)));

    private static APIGatewayV2HTTPResponse ok(Object body) {
        return ApiResponse.json(201, body, Map.of());
    }

    @Test
    void aRouteDeclaredResponseWithoutAMemoryIsRefusedAtBuild() {
        assertThatThrownBy(() -> Router.builder().contract(CONTRACT).route("POST /visits", r -> ok(Map.of())).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /visits: x-idempotency response, but this router remembers no answers");
    }

    @Test
    void aRouteDeclaredTransactionalWhoseHandlerTakesNoKeyIsRefusedAtBuild() {
        assertThatThrownBy(() -> Router.builder().contract(CONTRACT).route("POST /orders", r -> ok(Map.of())).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /orders: x-idempotency transactional, but its handler takes no key");
    }

    @Test
    void aKeyedRouteTheContractDoesNotDeclareTransactionalOrWhoseHeaderItDoesNotRequireIsRefusedAtBuild() {
        assertThatThrownBy(() -> Router.builder().contract(CONTRACT).transactional("POST /plain", (r, k) -> ok(k)).build())
                .hasMessageContaining("POST /plain: takes a key, but openapi.yaml does not declare it");
        assertThatThrownBy(() -> Router.builder().contract(CONTRACT).transactional("POST /loose", (r, k) -> ok(k)).build())
                .hasMessageContaining("POST /loose: x-idempotency transactional, but openapi.yaml does not require");
    }

    private static APIGatewayV2HTTPEvent post(String path, String sub, String key, String body) {
        var headers = new HashMap<String, String>();
        headers.put("content-type", "application/json");
        if (key != null) headers.put(Idempotency.HEADER, key);
        var jwt = new APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT();
        jwt.setClaims(Map.of("sub", sub));
        var authorizer = new APIGatewayV2HTTPEvent.RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        var context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAuthorizer(authorizer);
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST " + path).withRawPath(path).withHeaders(headers)
                .withRequestContext(context).withBody(body).build();
    }

    @Test
    void aTransactionalHandlerGetsTheCallersKeyWithTheFingerprintOfItsRequest() {
        var given = new ArrayList<Idempotency.Key>();
        var router = Router.builder().contract(CONTRACT).transactional("POST /orders", (r, key) -> {
            given.add(key);
            return ok(Map.of());
        }).build();
        router.apply(post("/orders", "cust-camille", "k1", "{\"sku\":\"A\",\"quantity\":1}"));
        router.apply(post("/orders", "cust-camille", "k1", "{ \"quantity\": 1, \"sku\": \"A\" }"));
        router.apply(post("/orders", "cust-camille", "k1", "{\"sku\":\"A\",\"quantity\":2}"));
        assertThat(given).extracting(k -> k.in("orders")).containsOnly("orders:cust-camille:k1");
        assertThat(given.get(1).fingerprint()).as("key order and spacing").isEqualTo(given.get(0).fingerprint());
        assertThat(given.get(2).fingerprint()).as("another body").isNotEqualTo(given.get(0).fingerprint());
        // the header is required there: without it the contract refuses the request before the handler
        assertThat(router.apply(post("/orders", "cust-camille", null, "{}")).getStatusCode()).isEqualTo(400);
        assertThat(given).hasSize(3);
    }

    @Test
    void theFingerprintDependsOnThePathAndEveryField() {
        var base = Idempotency.fingerprint("/stores/a/customers", "{\"firstName\":\"Ana\",\"phone\":\"+33600000001\"}");
        assertThat(Idempotency.fingerprint("/stores/a/customers", "{\"phone\":\"+33600000001\",\"firstName\":\"Ana\"}"))
                .isEqualTo(base);
        assertThat(Idempotency.fingerprint("/stores/b/customers", "{\"firstName\":\"Ana\",\"phone\":\"+33600000001\"}"))
                .isNotEqualTo(base);
        assertThat(Idempotency.fingerprint("/stores/a/customers", "{\"firstName\":\"Bob\",\"phone\":\"+33600000001\"}"))
                .isNotEqualTo(base);
        assertThat(Idempotency.fingerprint("/stores/a/customers", "{\"firstName\":\"Ana\"}")).isNotEqualTo(base);
    }

    /** The response memory's contract, kept in a map. */
    private static final class MapMemory implements ResponseMemory {
        private final Map<String, String> fingerprints = new HashMap<>();
        private final Map<String, APIGatewayV2HTTPResponse> answers = new HashMap<>();

        @Override
        public Claim claim(String scope, String fingerprint) {
            var known = fingerprints.putIfAbsent(scope, fingerprint);
            if (known == null) return new Claim.Fresh();
            if (!known.equals(fingerprint)) return new Claim.KeyReused();
            return answers.containsKey(scope) ? new Claim.Replay(answers.get(scope)) : new Claim.InProgress();
        }

        @Override
        public void complete(String scope, String fingerprint, APIGatewayV2HTTPResponse response) {
            answers.put(scope, response);
        }

        @Override
        public void release(String scope) {
            fingerprints.remove(scope);
        }
    }

    @Test
    void aRememberedRouteRunsOncePerKeyAndAnswersAnotherBodyWithTheOne422() throws Exception {
        var runs = new AtomicInteger();
        var router = Router.builder().contract(CONTRACT).remembering(new MapMemory())
                .route("POST /visits", r -> ok(Map.of("visit", runs.incrementAndGet()))).build();
        var first = router.apply(post("/visits", "staff-lea", "v1", "{\"customerId\":\"c1\"}"));
        var again = router.apply(post("/visits", "staff-lea", "v1", "{\"customerId\":\"c1\"}"));
        assertThat(again.getBody()).isEqualTo(first.getBody());
        assertThat(runs).hasValue(1);
        var other = router.apply(post("/visits", "staff-lea", "v1", "{\"customerId\":\"c2\"}"));
        assertThat(other.getStatusCode()).isEqualTo(422);
        assertThat(Json.MAPPER.readValue(other.getBody(), Problem.class)).isEqualTo(Idempotency.conflict("v1"));
        assertThat(router.apply(post("/visits", "staff-hugo", "v1", "{\"customerId\":\"c2\"}")).getStatusCode())
                .as("keys are scoped to the caller").isEqualTo(201);
        router.apply(post("/visits", "staff-lea", null, "{\"customerId\":\"c1\"}"));
        assertThat(runs).as("without a key, every request runs").hasValue(3);
    }

    @Test
    void aRouteWithoutXIdempotencyIsServedAsBefore() {
        var router = Router.builder().contract(CONTRACT).route("POST /plain", r -> ok(List.of())).build();
        assertThat(router.apply(post("/plain", "x", "k", "{}")).getStatusCode()).isEqualTo(201);
    }
}
