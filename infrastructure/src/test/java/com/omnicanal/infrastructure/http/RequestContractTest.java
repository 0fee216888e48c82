package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subset of OpenAPI the contract checks, on a small document: every violation is listed by field. */
class RequestContractTest {
    private static final String DOC = """
            openapi: 3.0.3
            paths:
              /things/{id}:
                parameters:
                  - {name: id, in: path, required: true, schema: {type: string, pattern: '^[a-z]{2,8}$'}}
                post:
                  x-roles: [customer]
                  parameters:
                    - {name: limit, in: query, schema: {type: integer, minimum: 1, maximum: 100}}
                    - {name: Idempotency-Key, in: header, required: true, schema: {type: string, maxLength: 8}}
                  requestBody:
                    required: true
                    content:
                      application/json:
                        schema: {$ref: '#/components/schemas/Thing'}
            components:
              schemas:
                Thing:
                  type: object
                  additionalProperties: false
                  required: [name, lines]
                  properties:
                    name: {type: string, minLength: 1, maxLength: 5}
                    kind: {type: string, enum: [a, b]}
                    at: {type: string, format: date-time}
                    window: {nullable: true, allOf: [{$ref: '#/components/schemas/Window'}]}
                    lines:
                      type: array
                      maxItems: 2
                      items:
                        type: object
                        additionalProperties: false
                        required: [qty]
                        properties:
                          qty: {type: integer, minimum: 1, maximum: 10}
                Window:
                  type: object
                  additionalProperties: false
                  required: [from]
                  properties:
                    from: {type: string, maxLength: 5}
            """;
    private final RequestContract contract =
            RequestContract.parse(new ByteArrayInputStream(DOC.getBytes(StandardCharsets.UTF_8)));

    @Test
    void aValidRequestPasses() {
        assertThat(contract.check("POST /things/{id}", Map.of("id", "abc"), Map.of("limit", "5"),
                Map.of("idempotency-key", "k1"), "{\"name\":\"x\",\"kind\":\"a\",\"at\":\"2026-11-23T10:00:00Z\",\"lines\":[{\"qty\":2}]}"))
                .isEmpty();
        assertThat(contract.roles("POST /things/{id}")).containsExactly("customer");
    }

    @Test
    void aNullableReferenceTakesNullWhileItsObjectIsStillChecked() {
        var route = "POST /things/{id}";
        var path = Map.of("id", "abc");
        var headers = Map.of("idempotency-key", "k1");
        assertThat(contract.check(route, path, Map.of(), headers, "{\"name\":\"x\",\"lines\":[],\"window\":null}")).isEmpty();
        assertThat(contract.check(route, path, Map.of(), headers, "{\"name\":\"x\",\"lines\":[],\"window\":{}}"))
                .extracting(FieldError::field).containsExactly("window.from");
        assertThat(contract.check(route, path, Map.of(), headers, "{\"name\":\"x\",\"lines\":[],\"window\":{\"from\":\"22:00\"}}"))
                .isEmpty();
        assertThat(contract.check(route, path, Map.of(), headers, "{\"name\":null,\"lines\":[]}"))
                .extracting(FieldError::field).containsExactly("name");
    }

    @Test
    void everyViolationIsNamed() {
        var errors = contract.check("POST /things/{id}", Map.of("id", "ABC"), Map.of("limit", "500"), Map.of(),
                "{\"name\":\"toolong\",\"kind\":\"c\",\"at\":\"yesterday\",\"lines\":[{\"qty\":0},{\"qty\":1,\"x\":1},{}],\"extra\":true}");
        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("id", "limit", "Idempotency-Key",
                "name", "kind", "at", "lines", "extra");
        var nested = contract.check("POST /things/{id}", Map.of("id", "abc"), null, Map.of("Idempotency-Key", "k"),
                "{\"name\":\"\",\"lines\":[{\"qty\":0},{\"qty\":\"1\",\"x\":1}]}");
        assertThat(nested).extracting(FieldError::field)
                .containsExactlyInAnyOrder("name", "lines[0].qty", "lines[1].qty", "lines[1].x");
    }

    @Test
    void bodiesThatAreNotJsonOrMissingAreRefused() {
        assertThat(contract.check("POST /things/{id}", Map.of("id", "abc"), null, Map.of("Idempotency-Key", "k"), "{\"name\":"))
                .extracting(FieldError::message).containsExactly("is not valid JSON");
        assertThat(contract.check("POST /things/{id}", Map.of("id", "abc"), null, Map.of("Idempotency-Key", "k"), ""))
                .extracting(FieldError::message).containsExactly("a JSON body is required");
        assertThat(contract.check("POST /things/{id}", Map.of("id", "abc"), null, Map.of("Idempotency-Key", "k"), "[1,2]"))
                .extracting(FieldError::message).containsExactly("must be an object");
    }

    @Test
    void routesTheContractDoesNotDescribeAreLeftToTheirHandler() {
        assertThat(contract.check("GET /elsewhere", Map.of(), Map.of(), Map.of(), "anything")).isEmpty();
        assertThat(contract.roles("GET /elsewhere")).isEmpty();
    }
}
