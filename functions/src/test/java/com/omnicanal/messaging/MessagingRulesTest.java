package com.omnicanal.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.PhoneNumbers;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class MessagingRulesTest {

    @Test
    void gsm7TextsCount160Then153PerSegment() {
        assertThat(SmsText.segments("a".repeat(160))).isEqualTo(new SmsText.Segments(SmsText.Encoding.GSM7, 160, 1));
        assertThat(SmsText.segments("a".repeat(161)).count()).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(306)).count()).isEqualTo(2);
        assertThat(SmsText.segments("a".repeat(307)).count()).isEqualTo(3);
        // the euro sign is in the extension table: two septets
        assertThat(SmsText.segments("€".repeat(80))).isEqualTo(new SmsText.Segments(SmsText.Encoding.GSM7, 160, 1));
        assertThat(SmsText.segments("à bientôt é è ù").encoding()).isEqualTo(SmsText.Encoding.UCS2);
    }

    @Test
    void ucs2TextsCount70Then67PerSegment() {
        assertThat(SmsText.segments("ê".repeat(70))).isEqualTo(new SmsText.Segments(SmsText.Encoding.UCS2, 70, 1));
        assertThat(SmsText.segments("ê".repeat(71)).count()).isEqualTo(2);
        assertThat(SmsText.segments("ê".repeat(134)).count()).isEqualTo(2);
        assertThat(SmsText.segments("ê".repeat(135)).count()).isEqualTo(3);
    }

    @Test
    void frenchTextIsKeptInGsm7AndWithinBudget() {
        var text = SmsText.gsmFriendly("Votre commande est prête « à l’heure » — à bientôt…");
        assertThat(SmsText.segments(text).encoding()).isEqualTo(SmsText.Encoding.GSM7);
        var long_ = "x".repeat(1000);
        var fitted = SmsText.fit(long_, 2);
        assertThat(SmsText.segments(fitted).count()).isEqualTo(2);
        assertThat(fitted).endsWith("...").hasSize(306);
        assertThat(SmsText.fit("court", 1)).isEqualTo("court");
    }

    @Test
    void phoneNumbersAsFrenchCustomersTypeThem() {
        assertThat(PhoneNumbers.toE164("06 12 34 56 78")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("06.12.34.56.78")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("+33 6 12 34 56 78")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("0033612345678")).contains("+33612345678");
        assertThat(PhoneNumbers.toE164("+44 7911 123456")).contains("+447911123456");
        assertThat(PhoneNumbers.toE164("12")).isEmpty();
        assertThat(PhoneNumbers.toE164("not a number")).isEmpty();
        assertThat(PhoneNumbers.toE164(null)).isEmpty();
    }

    @Test
    void quietHoursSpanMidnightInTheCustomersZone() {
        var quiet = new Recipient.QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), ZoneId.of("Europe/Paris"));
        assertThat(quiet.contains(Instant.parse("2026-11-23T20:30:00Z"))).isTrue();   // 21:30 Paris
        assertThat(quiet.contains(Instant.parse("2026-11-23T06:59:00Z"))).isTrue();   // 07:59 Paris
        assertThat(quiet.contains(Instant.parse("2026-11-23T07:00:00Z"))).isFalse();  // 08:00 Paris
        assertThat(quiet.contains(Instant.parse("2026-11-23T12:00:00Z"))).isFalse();
        assertThat(quiet.nextAllowed(Instant.parse("2026-11-23T22:00:00Z"))).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        assertThat(quiet.nextAllowed(Instant.parse("2026-11-24T05:00:00Z"))).isEqualTo(Instant.parse("2026-11-24T07:00:00Z"));
        var daytime = new Recipient.QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0), ZoneId.of("Europe/Paris"));
        assertThat(daytime.contains(Instant.parse("2026-11-23T11:30:00Z"))).isTrue();
        assertThat(daytime.contains(Instant.parse("2026-11-23T13:30:00Z"))).isFalse();
    }

    @Test
    void quietHoursFrom22To08HoldInTheCustomersOwnZoneNotInUtc() {
        var toronto = new Recipient.QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("America/Toronto"));
        assertThat(toronto.contains(Instant.parse("2026-11-24T02:30:00Z"))).isFalse();  // 21:30 Toronto, night in UTC
        assertThat(toronto.contains(Instant.parse("2026-11-24T03:30:00Z"))).isTrue();   // 22:30 Toronto, 03:30 UTC
        assertThat(toronto.contains(Instant.parse("2026-11-24T12:59:00Z"))).isTrue();   // 07:59 Toronto
        assertThat(toronto.contains(Instant.parse("2026-11-24T13:00:00Z"))).isFalse();  // 08:00 Toronto
        assertThat(toronto.contains(Instant.parse("2026-11-24T23:00:00Z"))).isFalse();  // 18:00 Toronto, night in UTC terms
        assertThat(toronto.nextAllowed(Instant.parse("2026-11-24T03:30:00Z"))).isEqualTo(Instant.parse("2026-11-24T13:00:00Z"));
        // the night the clocks go back in Paris (25 October 2026): 08:00 local is 07:00 UTC again
        var paris = new Recipient.QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("Europe/Paris"));
        assertThat(paris.contains(Instant.parse("2026-10-24T21:00:00Z"))).isTrue();   // 23:00 summer time
        assertThat(paris.nextAllowed(Instant.parse("2026-10-24T21:00:00Z"))).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
    }

    @Test
    void aWindowThatEndsWhereItStartsSilencesNothing() {
        var empty = new Recipient.QuietHours(LocalTime.of(22, 0), LocalTime.of(22, 0), ZoneId.of("Europe/Paris"));
        for (var at : List.of("2026-11-23T20:59:00Z", "2026-11-23T21:00:00Z", "2026-11-23T21:01:00Z", "2026-11-24T03:00:00Z",
                "2026-11-24T12:00:00Z")) {
            assertThat(empty.contains(Instant.parse(at))).as(at).isFalse();
            assertThat(empty.nextAllowed(Instant.parse(at))).as(at).isEqualTo(Instant.parse(at));
        }
    }

    @Test
    void keywordsInFrenchAndEnglishWhateverTheCase() {
        assertThat(SmsKeywords.parse("STOP")).isEqualTo(SmsKeywords.Keyword.STOP);
        assertThat(SmsKeywords.parse(" arrêt ")).isEqualTo(SmsKeywords.Keyword.STOP);
        assertThat(SmsKeywords.parse("Arrêt")).isEqualTo(SmsKeywords.Keyword.STOP);
        assertThat(SmsKeywords.parse("start")).isEqualTo(SmsKeywords.Keyword.START);
        assertThat(SmsKeywords.parse("Aide")).isEqualTo(SmsKeywords.Keyword.HELP);
        assertThat(SmsKeywords.parse("merci, à demain")).isEqualTo(SmsKeywords.Keyword.OTHER);
        assertThat(SmsKeywords.parse("stopper")).isEqualTo(SmsKeywords.Keyword.OTHER);
    }

    @Test
    void aKeywordIsTheWholeMessageAsTwilioMatchesItNotItsFirstWord() {
        for (var stop : List.of(" stop ", "Stop.", "STOP!", "\tstop\n", "\u00a0Stop\u00a0", "unsubscribe", "StopAll", "Revoke",
                "optout", "cancel", "end", "quit", "ARRET", "Arrêter")) {
            assertThat(SmsKeywords.parse(stop)).as(stop).isEqualTo(SmsKeywords.Keyword.STOP);
        }
        for (var start : List.of("START", " yes ", "Yes!", "unstop")) {
            assertThat(SmsKeywords.parse(start)).as(start).isEqualTo(SmsKeywords.Keyword.START);
        }
        for (var other : List.of("Oui merci, à demain !", "Oui", "oui !", "YES please", "Yes, see you tomorrow",
                "STOP please", "Unsubscribe please", "please stop", "stop all", "OPT-OUT", "start now", "", "   ", "!!!")) {
            assertThat(SmsKeywords.parse(other)).as(other).isEqualTo(SmsKeywords.Keyword.OTHER);
        }
        assertThat(SmsKeywords.parse(null)).isEqualTo(SmsKeywords.Keyword.OTHER);
    }

    @Test
    void laterDeliveryStatusesOutrankEarlierOnes() {
        assertThat(DeliveryStatus.parse("delivered").orElseThrow().rank())
                .isGreaterThan(DeliveryStatus.parse("sent").orElseThrow().rank());
        assertThat(DeliveryStatus.parse("accepted")).contains(DeliveryStatus.QUEUED);
        assertThat(DeliveryStatus.parse("bogus")).isEmpty();
    }

    @Test
    void twilioErrorsAreSortedIntoForGoodAndForNow() {
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(21211, 400)).isInstanceOf(SendOutcome.Permanent.class);
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(21610, 400)).isInstanceOf(SendOutcome.Permanent.class);
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(63003, 400)).isInstanceOf(SendOutcome.Permanent.class);
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(20429, 429)).isInstanceOf(SendOutcome.Transient.class);
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(null, 503)).isInstanceOf(SendOutcome.Transient.class);
        assertThat(com.omnicanal.messaging.twilio.TwilioChannelAccess.classify(30003, 400)).isInstanceOf(SendOutcome.Transient.class);
    }
}
