package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The price in force: a channel's own price, sales from their start (included) to their end (excluded), in the zone where sold. */
class PricingTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZoneId MARTINIQUE = ZoneId.of("America/Martinique");
    private static final SalesChannel WEB = SalesChannel.WEB;
    private static final SalesChannel STORE = SalesChannel.STORE;

    private static Pricing pricing(Map<SalesChannel, Integer> channels, PriceChange... changes) {
        return new Pricing("EUR", 2990, channels, List.of(changes));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void onePriceHoldsOnEveryChannelUnlessAChannelHasItsOwn() {
        var p = pricing(Map.of(STORE, 2790));
        assertThat(p.inForce(at("2026-11-23T09:00:00Z"), WEB, PARIS)).isEqualTo(2990);
        assertThat(p.inForce(at("2026-11-23T09:00:00Z"), STORE, PARIS)).isEqualTo(2790);
    }

    @Test
    void aSaleGivenAsInstantsStartsAtItsStartAndIsOverAtItsEnd() {
        var p = pricing(Map.of(), new PriceChange(1990, "2026-11-27T00:00:00+01:00", "2026-12-01T00:00:00+01:00", List.of()));
        assertThat(p.inForce(at("2026-11-26T22:59:59.999Z"), WEB, PARIS)).isEqualTo(2990);
        assertThat(p.inForce(at("2026-11-26T23:00:00Z"), WEB, PARIS)).as("from its first instant").isEqualTo(1990);
        assertThat(p.inForce(at("2026-11-30T22:59:59.999Z"), STORE, MARTINIQUE)).as("one instant everywhere").isEqualTo(1990);
        assertThat(p.inForce(at("2026-11-30T23:00:00Z"), WEB, PARIS)).as("not at its end").isEqualTo(2990);
    }

    @Test
    void aSaleGivenInLocalTimeStartsAtMidnightInEachStoresOwnZone() {
        var p = pricing(Map.of(), new PriceChange(1990, "2026-11-27T00:00:00", "2026-11-28T00:00:00", List.of()));
        var parisMidnight = at("2026-11-26T23:00:00Z");
        assertThat(p.inForce(parisMidnight, STORE, PARIS)).isEqualTo(1990);
        assertThat(p.inForce(parisMidnight, STORE, MARTINIQUE)).as("still 19:00 the day before there").isEqualTo(2990);
        assertThat(p.inForce(at("2026-11-27T04:00:00Z"), STORE, MARTINIQUE)).as("midnight in Fort-de-France").isEqualTo(1990);
        assertThat(p.inForce(at("2026-11-27T23:30:00Z"), STORE, PARIS)).as("over in Paris").isEqualTo(2990);
        assertThat(p.inForce(at("2026-11-27T23:30:00Z"), STORE, MARTINIQUE)).as("still on in Fort-de-France").isEqualTo(1990);
    }

    @Test
    void localTimesAcrossTheClockChangesAreReadAsTheZoneReadsThem() {
        // 02:30 on 29 March 2026 does not exist in Paris (02:00 -> 03:00): it is read as 03:30 CEST, 01:30 UTC
        var spring = pricing(Map.of(), new PriceChange(1990, "2026-03-29T02:30:00", null, List.of()));
        assertThat(spring.inForce(at("2026-03-29T01:29:59Z"), WEB, PARIS)).isEqualTo(2990);
        assertThat(spring.inForce(at("2026-03-29T01:30:00Z"), WEB, PARIS)).isEqualTo(1990);
        // 02:30 on 25 October 2026 happens twice in Paris: the first (CEST, 00:30 UTC) starts the sale
        var autumn = pricing(Map.of(), new PriceChange(1990, "2026-10-25T02:30:00", null, List.of()));
        assertThat(autumn.inForce(at("2026-10-25T00:29:59Z"), WEB, PARIS)).isEqualTo(2990);
        assertThat(autumn.inForce(at("2026-10-25T00:30:00Z"), WEB, PARIS)).isEqualTo(1990);
        // a week-long sale ending after the change lasts 7 days of local time, one hour more in UTC
        var week = pricing(Map.of(), new PriceChange(1990, "2026-10-20T00:00:00", "2026-10-27T00:00:00", List.of()));
        assertThat(week.inForce(at("2026-10-26T22:59:59Z"), WEB, PARIS)).isEqualTo(1990);
        assertThat(week.inForce(at("2026-10-26T23:00:00Z"), WEB, PARIS)).isEqualTo(2990);
    }

    @Test
    void aSaleOnOneChannelLeavesTheOtherAtItsPrice() {
        var p = pricing(Map.of(STORE, 2790), new PriceChange(1990, "2026-11-27T00:00:00Z", null, List.of(WEB)));
        assertThat(p.inForce(at("2026-12-01T00:00:00Z"), WEB, PARIS)).isEqualTo(1990);
        assertThat(p.inForce(at("2026-12-01T00:00:00Z"), STORE, PARIS)).isEqualTo(2790);
    }

    @Test
    void ofSalesInForceTogetherTheOneThatStartedLastHolds() {
        var p = pricing(Map.of(),
                new PriceChange(2490, "2026-11-01T00:00:00Z", "2026-12-31T00:00:00Z", List.of()),
                new PriceChange(1990, "2026-11-27T00:00:00Z", "2026-11-30T00:00:00Z", List.of()));
        assertThat(p.inForce(at("2026-11-15T00:00:00Z"), WEB, PARIS)).isEqualTo(2490);
        assertThat(p.inForce(at("2026-11-28T00:00:00Z"), WEB, PARIS)).as("Black Friday over the autumn sale").isEqualTo(1990);
        assertThat(p.inForce(at("2026-12-01T00:00:00Z"), WEB, PARIS)).as("the autumn sale again").isEqualTo(2490);
        assertThat(p.inForce(at("2027-01-01T00:00:00Z"), WEB, PARIS)).isEqualTo(2990);
    }

    @Test
    void aChangeThatEndsBeforeItStartsOrIsNoDateIsRefused() {
        assertThat(new PriceChange(1990, "2026-11-30T00:00:00", "2026-11-27T00:00:00", List.of()).problems("c"))
                .containsExactly("c.endsAt is after startsAt");
        assertThat(new PriceChange(1990, "tomorrow", null, List.of()).problems("c")).hasSize(1).allMatch(s -> s.contains("startsAt"));
        assertThat(new PriceChange(-1, "2026-11-27T00:00:00Z", null, List.of()).problems("c")).hasSize(1);
        assertThat(new Pricing("USD", 100, Map.of(STORE, -1), List.of()).problems()).hasSize(2);
    }
}
