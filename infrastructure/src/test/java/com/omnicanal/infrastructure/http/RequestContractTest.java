package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The subset of OpenAPI the contract checks, on a small document: every violation is listed by field. */
@Tag("fast")
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
              /hooks:
                post:
                  requestBody:
                    content:
                      application/x-www-form-urlencoded:
                        schema: {type: object, properties: {Body: {type: string, maxLength: 10}}}
              /notes:
                post:
                  requestBody:
                    required: false
                    content:
                      application/json:
                        schema: {type: object, additionalProperties: false, properties: {note: {type: string}}}
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
                    rate: {type: number, minimum: 0, maximum: 1}
                    weight: {type: number}
                    count: {type: integer}
                    small: {type: integer, format: int32}
                    tags: {type: object, maxProperties: 3, additionalProperties: {type: string, maxLength: 20}}
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

    private java.util.List<FieldError> body(String json) {
        return contract.check("POST /things/{id}", Map.of("id", "abc"), null, Map.of("Idempotency-Key", "k"), json);
    }

    private static String thing(String extra) {
        return "{\"name\":\"x\",\"lines\":[{\"qty\":2}]" + extra + "}";
    }

    @Test
    void numbersBeyondADoubleAreRefusedNamingTheFieldNotAnInternalError() {
        for (var huge : java.util.List.of("1e309", "-1e309", "1E400", "1" + "0".repeat(400))) {
            assertThat(body(thing(",\"weight\":" + huge))).as(huge).containsExactly(new FieldError("weight", "is out of range"));
            assertThat(body("{\"name\":\"x\",\"lines\":[{\"qty\":" + huge + "}]}")).as(huge)
                    .extracting(FieldError::field).containsExactly("lines[0].qty");
            assertThat(body(thing(",\"rate\":" + huge))).as(huge).extracting(FieldError::field).containsExactly("rate");
        }
        // a value a double would round to zero is not zero
        assertThat(body(thing(",\"weight\":1e-400"))).containsExactly(new FieldError("weight", "is out of range"));
        assertThat(body(thing(",\"weight\":-1e-400"))).containsExactly(new FieldError("weight", "is out of range"));
        assertThat(body(thing(",\"rate\":1e-400"))).containsExactly(new FieldError("rate", "is out of range"));
        assertThat(body(thing(",\"weight\":0.25,\"rate\":1e-3"))).isEmpty();
        assertThat(body(thing(",\"weight\":0e-400,\"rate\":1.0E-1"))).isEmpty();
    }

    @Test
    void anIntegerFieldTakesOnlyAnIntegerLiteral() {
        // OpenAPI 3.0's JSON Schema: an integer is a number without a fraction or exponent part
        for (var notInteger : java.util.List.of("1.5", "1e2", "1E2", "2.0", "1e-400", "0.0", "1e309", "-1e309")) {
            assertThat(body("{\"name\":\"x\",\"lines\":[{\"qty\":" + notInteger + "}]}")).as(notInteger)
                    .containsExactly(new FieldError("lines[0].qty", "must be an integer, written without a fraction or exponent"));
            assertThat(body(thing(",\"count\":" + notInteger))).as(notInteger).extracting(FieldError::field)
                    .containsExactly("count");
        }
        assertThat(body(thing(",\"count\":-0,\"small\":2147483647"))).isEmpty();
        assertThat(body(thing(",\"count\":9223372036854775807"))).isEmpty();
    }

    @Test
    void integersBeyondTheirFormatAreOutOfRange() {
        assertThat(body(thing(",\"count\":9223372036854775808"))).containsExactly(new FieldError("count", "is out of range"));
        assertThat(body(thing(",\"count\":-9223372036854775809"))).containsExactly(new FieldError("count", "is out of range"));
        assertThat(body(thing(",\"count\":1" + "0".repeat(300)))).containsExactly(new FieldError("count", "is out of range"));
        assertThat(body(thing(",\"small\":2147483648"))).containsExactly(new FieldError("small", "is out of range"));
        assertThat(body("{\"name\":\"x\",\"lines\":[{\"qty\":99999999999999999999999}]}"))
                .containsExactly(new FieldError("lines[0].qty", "must be at most 10"));
    }

    @Test
    void aNulAControlCharacterOrALoneSurrogateIsRefusedNamingTheField() {
        assertThat(body("{\"name\":\"a\\u0000\",\"lines\":[]}"))
                .containsExactly(new FieldError("name", "must not contain control characters"));
        assertThat(body("{\"name\":\"a\\u001b\",\"lines\":[]}")).extracting(FieldError::field).containsExactly("name");
        assertThat(body("{\"name\":\"a\\u0085\",\"lines\":[]}")).extracting(FieldError::field).containsExactly("name");
        assertThat(body("{\"name\":\"\\ud800\",\"lines\":[]}"))
                .containsExactly(new FieldError("name", "is not valid Unicode (a lone surrogate)"));
        assertThat(body("{\"name\":\"\\udc00a\",\"lines\":[]}")).extracting(FieldError::field).containsExactly("name");
        assertThat(body("{\"name\":\"a\\ud83d\",\"lines\":[]}")).extracting(FieldError::field).containsExactly("name");
        // where the schema gives no limit, too: a map's values and its keys
        assertThat(body(thing(",\"tags\":{\"k\":\"\\u0000\"}"))).extracting(FieldError::field).containsExactly("tags.k");
        assertThat(body(thing(",\"tags\":{\"k\\u0000\":\"v\"}")))
                .containsExactly(new FieldError("tags", "has a field name that contains a control character or a lone surrogate"));
        // tab, line feed and carriage return are text; so is a surrogate pair
        assertThat(body("{\"name\":\"a\\tb\\n\",\"lines\":[]}")).isEmpty();
        assertThat(body("{\"name\":\"\\ud83d\\ude00\",\"lines\":[]}")).isEmpty();
        assertThat(body("{\"name\":\"\uD83D\uDE00é\",\"lines\":[]}")).isEmpty();
        assertThat(contract.check("POST /things/{id}", Map.of("id", "abc"), Map.of("limit", "5"),
                Map.of("Idempotency-Key", "k\u0000"), thing(""))).extracting(FieldError::field).containsExactly("Idempotency-Key");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNotLastWins() {
        assertThat(body("{\"name\":\"x\",\"name\":\"y\",\"lines\":[]}"))
                .containsExactly(new FieldError("name", "is given more than once"));
        assertThat(body("{\"name\":\"x\",\"lines\":[{\"qty\":1},{\"qty\":1,\"qty\":9}]}"))
                .containsExactly(new FieldError("lines[1].qty", "is given more than once"));
    }

    @Test
    void aBodyMustComeInAMediaTypeTheOperationDeclares() {
        var json = thing("");
        for (var accepted : java.util.List.of("application/json", "application/json; charset=utf-8",
                "Application/JSON;Charset=\"UTF-8\"", "application/merge-patch+json")) {
            assertThat(contract.mediaType("POST /things/{id}", Map.of("content-type", accepted), json)).as(accepted).isEmpty();
        }
        for (var refused : java.util.Arrays.asList("text/plain", "application/x-www-form-urlencoded", "",
                "application/json; charset=iso-8859-1", "application/jsonx", "text/json", null)) {
            var headers = new java.util.HashMap<String, String>();
            if (refused != null) headers.put("Content-Type", refused);
            assertThat(contract.mediaType("POST /things/{id}", headers, json)).as(refused)
                    .contains(new FieldError("Content-Type", "must be application/json"));
        }
        // no body, no media type to check (a required body is then a 400)
        assertThat(contract.mediaType("POST /things/{id}", Map.of(), null)).isEmpty();
        assertThat(contract.mediaType("POST /notes", Map.of(), "")).isEmpty();
        assertThat(contract.mediaType("POST /notes", Map.of("content-type", "text/plain"), "{}"))
                .contains(new FieldError("Content-Type", "must be application/json"));
        // a webhook's form is its declared type; JSON there is not
        assertThat(contract.mediaType("POST /hooks", Map.of("content-type", "application/x-www-form-urlencoded"), "Body=hi"))
                .isEmpty();
        assertThat(contract.mediaType("POST /hooks", Map.of("content-type", "application/x-www-form-urlencoded; charset=UTF-8"),
                "Body=hi")).isEmpty();
        assertThat(contract.mediaType("POST /hooks", Map.of("content-type", "application/json"), "{}"))
                .contains(new FieldError("Content-Type", "must be application/x-www-form-urlencoded"));
        assertThat(contract.mediaType("GET /elsewhere", Map.of("content-type", "text/plain"), "x")).isEmpty();
    }
}
