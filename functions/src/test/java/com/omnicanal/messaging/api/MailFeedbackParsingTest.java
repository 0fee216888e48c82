package com.omnicanal.messaging.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.MailFeedback;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SES notifications in both shapes SNS carries them: identity notifications and configuration-set events. */
class MailFeedbackParsingTest {
    @Test
    void anIdentityNotificationAndAConfigurationSetEventReadAlike() {
        var bounce = "{\"bounce\":{\"feedbackId\":\"fb-1\",\"bounceType\":\"Permanent\",\"bounceSubType\":\"NoEmail\","
                + "\"bouncedRecipients\":[{\"emailAddress\":\"a@example.org\"},{\"emailAddress\":\"b@example.org\"}],"
                + "\"timestamp\":\"2026-11-23T10:00:01.000Z\"}}";
        var expected = new MailFeedback.Bounce("fb-1", List.of("a@example.org", "b@example.org"), true, "NoEmail",
                Instant.parse("2026-11-23T10:00:01Z"));
        assertThat(MailFeedbackFunction.parse("sns-1", "{\"notificationType\":\"Bounce\"," + bounce.substring(1))).isEqualTo(expected);
        assertThat(MailFeedbackFunction.parse("sns-1", "{\"eventType\":\"Bounce\"," + bounce.substring(1))).isEqualTo(expected);
    }

    @Test
    void aComplaintWithoutFeedbackIdIsNamedByItsSnsMessage() {
        var complaint = MailFeedbackFunction.parse("sns-2", "{\"notificationType\":\"Complaint\",\"complaint\":{"
                + "\"complainedRecipients\":[{\"emailAddress\":\"a@example.org\"}],\"timestamp\":\"2026-11-23T10:00:02Z\"}}");
        assertThat(complaint).isEqualTo(new MailFeedback.Complaint("sns-2", List.of("a@example.org"), null,
                Instant.parse("2026-11-23T10:00:02Z")));
    }

    @Test
    void otherNotificationsAreNotBouncesAndGarbageFailsTheInvocation() {
        assertThat(MailFeedbackFunction.parse("sns-3", "{\"notificationType\":\"Delivery\",\"delivery\":{}}"))
                .isInstanceOf(MailFeedback.Other.class);
        assertThatThrownBy(() -> MailFeedbackFunction.parse("sns-4", "not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MailFeedbackFunction.parse("sns-5", "{\"notificationType\":\"Bounce\",\"bounce\":{}}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
