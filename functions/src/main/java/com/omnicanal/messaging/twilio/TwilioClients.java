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
        return create(accountSid, authToken, apiBase, java.time.Duration.ofSeconds(10));
    }

    /** With the response timeout given (tests use a short one to exercise timeouts quickly). */
    public static TwilioRestClient create(String accountSid, String authToken, String apiBase,
                                          java.time.Duration responseTimeout) {
        var builder = new TwilioRestClient.Builder(accountSid, authToken);
        var config = RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5))
                .setResponseTimeout(Timeout.ofMilliseconds(responseTimeout.toMillis())).build();
        var http = HttpClientBuilder.create().setDefaultRequestConfig(config).useSystemProperties()
                // NetworkHttpClient sets its own RequestConfig on every request (a 30 s socket timeout), which would
                // silently override ours: put ours back in the execution context before the call goes out
                .addExecInterceptorFirst("omnicanal-timeouts", (request, scope, chain) -> {
                    scope.clientContext.setRequestConfig(config);
                    return chain.proceed(request, scope);
                });
        if (apiBase != null && !apiBase.isBlank()) {
            var base = URI.create(apiBase);
            var target = new HttpHost(base.getScheme(), base.getHost(), base.getPort());
            http.setRoutePlanner((host, context) -> new HttpRoute(target));
        }
        return builder.httpClient(new NetworkHttpClient(http)).build();
    }
}
