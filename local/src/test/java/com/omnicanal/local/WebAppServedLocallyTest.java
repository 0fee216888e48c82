package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local gateway serves web/ under /app/ with CloudFront's headers, read-only, and nothing outside it. */
class WebAppServedLocallyTest {
    @RegisterExtension
    static final LocalStackPerClass stack = new LocalStackPerClass();
    private static final LocalClient client = stack.client();

    @Test
    void theAppIsServedWithItsSecurityHeaders() {
        var index = client.get("/app/", null);
        assertThat(index.status()).isEqualTo(200);
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(index.raw().body()).contains("<script type=\"module\" src=\"app.js\">");
        assertThat(index.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'none'");
        assertThat(index.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(client.get("/app/app.js", null).contentType()).startsWith("text/javascript");
        assertThat(client.get("/app/vendor/preact-htm.js", null).status()).isEqualTo(200);
        assertThat(client.get("/app", null).status()).isEqualTo(301);
    }

    @Test
    void nothingOutsideWebNorAnyWrite() {
        for (var path : new String[] {"/app/../pom.xml", "/app/%2e%2e/pom.xml", "/app/..%2f..%2fpom.xml", "/app/missing.js"}) {
            var reply = client.get(path, null);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body().get("title").asText()).isEqualTo("Not found");
        }
        var write = client.send("PUT", "/app/index.html", null, "<p>defaced</p>", Map.of());
        assertThat(write.status()).isEqualTo(405);
        assertThat(write.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(client.get("/app/", null).raw().body()).doesNotContain("defaced");
    }

    @Test
    void theLocalSignInListsTheDemoPeople() {
        var people = client.get("/_local/demo-users", null).body();
        assertThat(people.get("customers").findValuesAsText("id")).contains("cust-camille", "cust-hugo", "cust-emma");
        assertThat(people.get("staff").get(0).get("storeId").asText()).isNotBlank();
        assertThat(people.get("ops")).isNotEmpty();
    }
}
