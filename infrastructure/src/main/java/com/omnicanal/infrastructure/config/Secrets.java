package com.omnicanal.infrastructure.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import com.omnicanal.infrastructure.tracing.Tracing;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Secrets by name: from the environment when set (the local stack, tests), else from the Secrets Manager secret whose
 * ARN is in NAME_SECRET_ARN, cached for five minutes so a warm container does not call Secrets Manager per message.
 */
public final class Secrets {
    private static final Duration TTL = Duration.ofMinutes(5);

    private record Cached(String value, Instant until) {
    }

    private final Settings settings;
    private final Function<String, String> fetch;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public Secrets(Settings settings, Function<String, String> fetchByArn, Clock clock) {
        this.settings = settings;
        this.fetch = fetchByArn;
        this.clock = clock;
    }

    public static Secrets fromSettings(Settings settings, Clock clock) {
        return fromSettings(settings, clock, Tracing.OFF);
    }

    /** ... each Secrets Manager call an X-Ray subsegment when tracing is on. */
    public static Secrets fromSettings(Settings settings, Clock clock, Tracing tracing) {
        return new Secrets(settings, new Function<>() {
            private volatile SecretsManagerClient client;

            @Override
            public String apply(String arn) {
                if (client == null) {
                    var builder = SecretsManagerClient.builder().region(Region.of(settings.get("AWS_REGION", "eu-west-3")))
                            .httpClientBuilder(UrlConnectionHttpClient.builder());
                    if (tracing.isOn()) builder.overrideConfiguration(c -> c.addExecutionInterceptor(tracing.awsSdk()));
                    client = builder.build();
                }
                return client.getSecretValue(r -> r.secretId(arn)).secretString();
            }
        }, clock);
    }

    public String get(String name) {
        var direct = settings.get(name);
        if (direct.isPresent()) return direct.get();
        var arn = settings.get(name + "_SECRET_ARN")
                .orElseThrow(() -> new IllegalStateException("neither " + name + " nor " + name + "_SECRET_ARN is set"));
        var now = clock.instant();
        var cached = cache.get(arn);
        if (cached != null && cached.until().isAfter(now)) return cached.value();
        var value = fetch.apply(arn);
        cache.put(arn, new Cached(value, now.plus(TTL)));
        return value;
    }
}
