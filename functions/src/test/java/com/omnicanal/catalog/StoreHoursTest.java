package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A store's hours in force on a day, and ready times counted in opening time only. */
class StoreHoursTest {
    private static final List<Store.OpeningHours> WEEK = List.of(
            new Store.OpeningHours("MONDAY", "10:00", "12:30"), new Store.OpeningHours("MONDAY", "14:00", "19:00"),
            new Store.OpeningHours("TUESDAY", "10:00", "19:00"), new Store.OpeningHours("SATURDAY", "09:00", "20:00"));

    private static Store store(List<Store.Closure> closures, List<Store.HolidayHours> holidays, String zone) {
        return new Store("s", "Store", new Store.Address("1 rue", "75001", "Paris", "FR"), "+33 1 00 00 00 00", zone, WEEK,
                new Store.Coordinates(48.86, 2.34), 60, null, closures, holidays);
    }

    private static final Store PLAIN = store(List.of(), List.of(), "Europe/Paris");

    @Test
    void theWeeklyHoursHoldUnlessAClosureOrHolidayHoursNameTheDay() {
        var special = store(List.of(new Store.Closure("2026-12-21", "2026-12-22", "inventaire")),
                List.of(new Store.HolidayHours("2026-12-19", "10:00", "18:00", null),
                        new Store.HolidayHours("2026-12-20", "11:00", "13:00", "dimanche avant Noël"),
                        new Store.HolidayHours("2026-12-20", "14:00", "17:00", null)), "Europe/Paris");
        assertThat(special.hoursText(LocalDate.parse("2026-12-14"))).isEqualTo("10:00-12:30/14:00-19:00");
        assertThat(special.hoursText(LocalDate.parse("2026-12-19"))).as("holiday hours instead").isEqualTo("10:00-18:00");
        assertThat(special.hoursText(LocalDate.parse("2026-12-20"))).as("open on a Sunday").isEqualTo("11:00-13:00/14:00-17:00");
        assertThat(special.hoursText(LocalDate.parse("2026-12-21"))).as("closed").isEmpty();
        assertThat(special.hoursText(LocalDate.parse("2026-12-22"))).as("the closure's last day").isEmpty();
        assertThat(special.hoursText(LocalDate.parse("2026-12-23"))).as("no hours on Wednesdays").isEmpty();
    }

    @Test
    void readyTimesCountOnlyTheTimeTheStoreIsOpen() {
        // Monday 23 November 2026, 12:00 in Paris (11:00 UTC): 30 minutes before lunch, then from 14:00
        assertThat(PLAIN.readyBy(Instant.parse("2026-11-23T11:00:00Z"), Duration.ofMinutes(20)))
                .isEqualTo(Instant.parse("2026-11-23T11:20:00Z"));
        assertThat(PLAIN.readyBy(Instant.parse("2026-11-23T11:00:00Z"), Duration.ofMinutes(60)))
                .as("30 before lunch, 30 after").isEqualTo(Instant.parse("2026-11-23T13:30:00Z"));
        // Tuesday 18:30: 30 minutes left, nothing until Saturday 09:00
        assertThat(PLAIN.readyBy(Instant.parse("2026-11-24T17:30:00Z"), Duration.ofMinutes(120)))
                .isEqualTo(Instant.parse("2026-11-28T09:30:00Z"));
        // placed at night: from the opening
        assertThat(PLAIN.readyBy(Instant.parse("2026-11-23T03:00:00Z"), Duration.ofMinutes(60)))
                .isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @Test
    void readyTimesSkipAClosureAndReadLocalHoursAcrossTheClockChange() {
        var closed = store(List.of(new Store.Closure("2026-11-28", "2026-11-30", "travaux")), List.of(), "Europe/Paris");
        assertThat(closed.readyBy(Instant.parse("2026-11-24T17:30:00Z"), Duration.ofMinutes(120)))
                .as("Saturday and Monday closed: Tuesday").isEqualTo(Instant.parse("2026-12-01T10:30:00Z"));
        // Saturday 28 March 2026 19:30 in Paris (UTC+1); the clocks go forward that night; Monday opens 10:00 UTC+2
        assertThat(PLAIN.readyBy(Instant.parse("2026-03-28T18:30:00Z"), Duration.ofMinutes(60)))
                .isEqualTo(Instant.parse("2026-03-30T08:30:00Z"));
        var martinique = store(List.of(), List.of(), "America/Martinique");
        assertThat(martinique.readyBy(Instant.parse("2026-11-23T13:00:00Z"), Duration.ofMinutes(60)))
                .as("10:00 there is 14:00 UTC").isEqualTo(Instant.parse("2026-11-23T15:00:00Z"));
    }

    @Test
    void aStoreWithNoHoursGetsThePlainTarget() {
        var none = new Store("s", "Store", null, null, "Europe/Paris", List.of(), null, null, null, null, null);
        assertThat(none.readyBy(Instant.parse("2026-11-23T11:00:00Z"), Duration.ofMinutes(90)))
                .isEqualTo(Instant.parse("2026-11-23T12:30:00Z"));
    }

    @Test
    void aStoreSaysWhatItOffersAndOneThatNamesNothingOffersEverything() {
        assertThat(PLAIN.offers(StoreOffering.RETURNS)).isTrue();
        var small = new Store("s", "Store", null, null, "Europe/Paris", WEEK, null, null, List.of(StoreOffering.RESERVATION),
                null, null);
        assertThat(small.offers(StoreOffering.RESERVATION)).isTrue();
        assertThat(small.offers(StoreOffering.CLICK_AND_COLLECT)).isFalse();
    }

    @Test
    void whatOpenapiCannotSayOfAStoreIsChecked() {
        var bad = new Store("s", "Store", null, null, "Europe/Lutece",
                List.of(new Store.OpeningHours("MONDAY", "10:00", "12:30"), new Store.OpeningHours("MONDAY", "12:00", "19:00"),
                        new Store.OpeningHours("TUESDAY", "19:00", "10:00")),
                null, null, List.of(StoreOffering.RETURNS, StoreOffering.RETURNS),
                List.of(new Store.Closure("2026-12-22", "2026-12-21", null)),
                List.of(new Store.HolidayHours("2026-12-24", "10:00", null, null)));
        assertThat(bad.problems()).containsExactlyInAnyOrder(
                "timeZone is not a time zone (e.g. Europe/Paris)",
                "openingHours[1] overlaps another range of MONDAY",
                "openingHours[2].closes is after opens",
                "closures[0].to is on or after from",
                "holidayHours[0] gives both opens and closes (or neither, for a day closed)",
                "services names a service twice");
        assertThat(PLAIN.problems()).isEmpty();
    }
}
