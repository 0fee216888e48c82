package com.omnicanal.infrastructure.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.omnicanal.infrastructure.logging.Masking;
import com.omnicanal.infrastructure.logging.StructuredLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Logs are JSON lines with the request's correlation id, and no email or phone number appears in clear. */
@Tag("fast")
class StructuredLogTest {
    private static List<JsonNode> lines(ByteArrayOutputStream out) throws Exception {
        var lines = new ArrayList<JsonNode>();
        for (var line : out.toString(StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank()) lines.add(Json.MAPPER.readTree(line)); // fails unless every line is JSON
        }
        return lines;
    }

    @Test
    void everyLineOfARequestIsJsonWithItsCorrelationIdAndPersonalDataMasked() throws Exception {
        var out = new ByteArrayOutputStream();
        var root = Logger.getLogger("");
        var saved = root.getHandlers();
        var handler = StructuredLog.install(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            var router = Router.builder().contract(RequestContract.fromClasspath("absent.yaml"))
                    .route("POST /things", request -> {
                        Logger.getLogger("com.omnicanal.test").info("notified camille.martin@example.fr and +33612345678"
                                + " (typed as 06 12 34 56 78), whatsapp:+447700900123, on 2026-11-23 order 01JD8ZK3");
                        throw new IllegalStateException("Twilio refused To=+33698765432 for jean.dupont@example.com");
                    }).build();
            var event = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /things").withRawPath("/things")
                    .withHeaders(Map.of("x-correlation-id", "corr-123")).withBody("{}").withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-1").build())
                    .build();
            var response = router.apply(event);
            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getHeaders()).containsEntry("x-correlation-id", "corr-123");
            assertThat(response.getBody()).doesNotContain("Twilio").doesNotContain("@");

            var withoutClientId = APIGatewayV2HTTPEvent.builder().withRouteKey("POST /things").withRawPath("/things")
                    .withHeaders(Map.of("x-correlation-id", "forged\n{\"level\":\"INFO\"}")).withIsBase64Encoded(false)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder().withRequestId("req-2").build())
                    .build();
            assertThat(router.apply(withoutClientId).getHeaders()).containsEntry("x-correlation-id", "req-2");
        } finally {
            root.removeHandler(handler);
            for (var h : saved) root.addHandler(h);
        }
        var lines = lines(out);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(4);
        var all = out.toString(StandardCharsets.UTF_8);
        assertThat(all).doesNotContain("camille.martin@").doesNotContain("jean.dupont@").doesNotContain("+33612345678")
                .doesNotContain("06 12 34 56 78").doesNotContain("+447700900123").doesNotContain("+33698765432")
                .contains("c***@example.fr").contains("j***@example.com").contains("+******78")
                .contains("2026-11-23").contains("01JD8ZK3");
        assertThat(lines).filteredOn(l -> l.path("correlationId").asText().equals("corr-123")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines).anySatisfy(l -> {
            assertThat(l.get("level").asText()).isEqualTo("ERROR");
            assertThat(l.get("error").asText()).contains("IllegalStateException").contains("+******32");
        });
        assertThat(lines).allSatisfy(l -> assertThat(l.has("time") && l.has("level") && l.has("message")).isTrue());
    }

    @Test
    void maskingKeepsWhatIsNotPersonal() {
        assertThat(Masking.mask("order 01JD8ZK3QH at 2026-11-23T10:00:00Z, 1732352000000 ms, sku TSH-COT-BLU-M"))
                .isEqualTo("order 01JD8ZK3QH at 2026-11-23T10:00:00Z, 1732352000000 ms, sku TSH-COT-BLU-M");
        assertThat(Masking.mask("to 0612345678.")).isEqualTo("to ******78.");
    }
}
