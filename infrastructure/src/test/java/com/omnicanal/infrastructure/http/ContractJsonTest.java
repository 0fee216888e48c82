package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** openapi.yaml goes into the Lambda jars as JSON (issue 22): the same document, or no JSON at all. */
@Tag("fast")
class ContractJsonTest {

    @Test
    void theProjectsContractReadsBackTheSameFromJson() throws Exception {
        Map<String, Object> yaml;
        try (InputStream in = Files.newInputStream(Path.of("..", "openapi.yaml"))) {
            yaml = RequestContract.load(in);
        }
        var json = ContractJson.convert(yaml);
        assertThat(RequestContract.loadJson(stream(json))).isEqualTo(yaml);
        assertThat(yaml).containsKey("paths");
    }

    @Test
    void aYamlOnlyValueIsRefusedRatherThanChanged() {
        // an unquoted date is a java.util.Date in YAML and would come back from JSON as a number
        var yaml = RequestContract.load(stream("openapi: 3.0.3\ninfo:\n  version: 2026-11-23\n"));
        assertThatThrownBy(() -> ContractJson.convert(yaml)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("quote it");
    }

    @Test
    void theJsonContractChecksRequestsAsTheYamlOneDoes() throws Exception {
        var yaml = """
                paths:
                  /reservations:
                    post:
                      requestBody:
                        required: true
                        content:
                          application/json:
                            schema:
                              type: object
                              required: [quantity]
                              properties:
                                quantity: {type: integer, minimum: 1, maximum: 5}
                """;
        var fromJson = RequestContract.fromJson(stream(ContractJson.convert(RequestContract.load(stream(yaml)))));
        var fromYaml = RequestContract.parse(stream(yaml));
        for (var body : new String[] {"{\"quantity\":9}", "{}", "{\"quantity\":2}"}) {
            assertThat(fromJson.check("POST /reservations", Map.of(), Map.of(), Map.of(), body).toString())
                    .isEqualTo(fromYaml.check("POST /reservations", Map.of(), Map.of(), Map.of(), body).toString());
        }
        assertThat(fromYaml.check("POST /reservations", Map.of(), Map.of(), Map.of(), "{\"quantity\":9}")).isNotEmpty();
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
