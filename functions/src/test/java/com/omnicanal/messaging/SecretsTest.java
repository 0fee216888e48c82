package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.config.Secrets;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class SecretsTest {
    @Test
    void secretsManagerIsAskedOnceInFiveMinutesAndTheEnvironmentWinsLocally() {
        var calls = new AtomicInteger();
        var clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"));
        var secrets = new Secrets(new Settings(Map.of("TWILIO_AUTH_TOKEN_SECRET_ARN", "arn:secret:twilio",
                "SMTP_PASSWORD", "local-password")), arn -> "value-" + calls.incrementAndGet(), clock);

        assertThat(secrets.get("TWILIO_AUTH_TOKEN")).isEqualTo("value-1");
        clock.advance(Duration.ofMinutes(4));
        assertThat(secrets.get("TWILIO_AUTH_TOKEN")).isEqualTo("value-1");
        clock.advance(Duration.ofMinutes(2));
        assertThat(secrets.get("TWILIO_AUTH_TOKEN")).isEqualTo("value-2");
        assertThat(secrets.get("SMTP_PASSWORD")).isEqualTo("local-password");
        assertThat(calls.get()).isEqualTo(2);
        assertThatThrownBy(() -> secrets.get("MISSING")).hasMessageContaining("MISSING_SECRET_ARN");
    }
}
