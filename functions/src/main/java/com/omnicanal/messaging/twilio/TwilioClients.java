package com.omnicanal.messaging.twilio;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.TwilioRestClient;
import java.net.URI;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

/** Builds the Twilio client once per container; for tests and the local stack, pointed at another base URL. */
public final class TwilioClients {
    private TwilioClients() {
    }

    /**
     * @param apiBase null for Twilio itself, or e.g. {@code http://127.0.0.1:8089}: the SDK has no base-URL setting,
     *                so every request is routed to that host instead of api.twilio.com.
     */
    public static TwilioRestClient create(String accountSid, String authToken, String apiBase) {
        var builder = new TwilioRestClient.Builder(accountSid, authToken);
        var config = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5))
                .setResponseTimeout(Timeout.ofSeconds(10)).build();
        var http = HttpClientBuilder.create().setDefaultRequestConfig(config).useSystemProperties();
        if (apiBase != null && !apiBase.isBlank()) {
            var base = URI.create(apiBase);
            var target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
            http.setRoutePlanner((host, context) -> new HttpRoute(target));
        }
        return builder.httpClient(new NetworkHttpClient(http)).build();
    }
}
