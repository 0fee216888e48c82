package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The rules of a customer's quiet hours, as the profile takes them. */
@Tag("fast")
class QuietHoursTest {
    private static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private static List<String> fields(Profile.QuietHours hours) {
        return hours.violations().stream().map(DomainException.Violation::field).toList();
    }

    @Test
    void aWindowAcrossMidnightOrWithinTheDayIsAccepted() {
        assertThat(fields(new Profile.QuietHours("22:00", "08:00", "Europe/Paris"))).isEmpty();
        assertThat(fields(new Profile.QuietHours("12:00", "14:00", "America/Toronto"))).isEmpty();
        assertThat(fields(new Profile.QuietHours("00:00", "07:30", "Europe/Paris"))).isEmpty();
    }

    @Test
    void aWindowThatEndsWhereItStartsIsRefusedNamingItsEnd() {
        var violations = new Profile.QuietHours("22:00", "22:00", "Europe/Paris").violations();
        assertThat(violations).extracting(DomainException.Violation::field).containsExactly("quietHours.end");
        assertThat(violations.get(0).message()).contains("start").contains("null");
        assertThat(new Profile.QuietHours("22:00", "22:00", "Europe/Paris").endsWhereItStarts()).isTrue();
        assertThat(new Profile.QuietHours("22:00", "08:00", "Europe/Paris").endsWhereItStarts()).isFalse();
    }

    @Test
    void unreadableTimesOrAnUnknownZoneAreRefused() {
        assertThat(fields(new Profile.QuietHours("25:00", "08:00", "Europe/Paris"))).containsExactly("quietHours");
        assertThat(fields(new Profile.QuietHours("22:00", null, "Europe/Paris"))).containsExactly("quietHours");
        assertThat(fields(new Profile.QuietHours("22:00", "08:00", "Mars/Olympus"))).containsExactly("quietHours");
    }

    @Test
    void anEmptyWindowAlreadyStoredReadsAsNoQuietHours() {
        var stored = new Profile("cust-1", null, null, "fr", List.of(), new Profile.QuietHours("08:00", "08:00", "Europe/Paris"),
                null, null, null, null, Profile.Status.ACTIVE, null, NOW, NOW, null);
        assertThat(stored.quietHours()).isNull();
        var kept = new Profile.QuietHours("21:00", "08:00", "Europe/Paris");
        assertThat(Profile.fresh("cust-2", NOW).with(null, null, "fr", List.of(), kept, null, NOW).quietHours()).isEqualTo(kept);
    }

    @Test
    void aPatchEitherSetsOrRemovesQuietHoursNeverBoth() {
        assertThat(new ProfilePatch(null, null, null, null, null, null).removeQuietHours()).isFalse();
        assertThat(new ProfilePatch(null, null, null, null, null, null, true).removeQuietHours()).isTrue();
        assertThatThrownBy(() -> new ProfilePatch(null, null, null, null,
                new Profile.QuietHours("22:00", "08:00", "Europe/Paris"), null, true))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
