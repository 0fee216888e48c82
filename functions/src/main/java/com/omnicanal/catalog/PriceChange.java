package com.omnicanal.catalog;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A scheduled price (a sale) from {@code startsAt} until {@code endsAt} (open-ended when absent), on the given channels
 * (every channel when empty). A time with an offset ("2026-11-27T00:00:00+01:00") is one instant everywhere; a time
 * without ("2026-11-27T00:00:00") is local time where the product is sold: the store's time zone in a store, the
 * retailer's on the web, so "the sale starts at midnight" means each store's midnight.
 */
public record PriceChange(int priceCents, String startsAt, String endsAt, List<SalesChannel> channels) {
    public PriceChange {
        channels = channels == null ? List.of() : List.copyOf(channels);
    }

    public boolean appliesTo(SalesChannel channel) {
        return channels.isEmpty() || channels.contains(channel);
    }

    /** In force at {@code at} where the local time is {@code zone}'s: from its start (included) to its end (excluded). */
    public boolean inForce(Instant at, ZoneId zone) {
        var end = endsAt == null ? null : instant(endsAt, zone);
        return !at.isBefore(start(zone)) && (end == null || at.isBefore(end));
    }

    Instant start(ZoneId zone) {
        return instant(startsAt, zone);
    }

    /** What is wrong with it, named from {@code field}; empty when it is a valid change. */
    public List<String> problems(String field) {
        var problems = new ArrayList<String>();
        if (priceCents < 0 || priceCents > Pricing.MAX_CENTS) problems.add(field + ".priceCents is between 0 and " + Pricing.MAX_CENTS);
        var start = parse(startsAt);
        var end = parse(endsAt);
        if (start == null) problems.add(field + ".startsAt is required, an ISO-8601 date-time (with or without offset)");
        if (endsAt != null && end == null) problems.add(field + ".endsAt is an ISO-8601 date-time (with or without offset)");
        // two local times or two instants compare the same in any zone; a mix depends on where it is sold, so it is not judged here
        if (start != null && end != null && start.getClass() == end.getClass()
                && !instant(endsAt, ZoneOffset.UTC).isAfter(instant(startsAt, ZoneOffset.UTC))) {
            problems.add(field + ".endsAt is after startsAt");
        }
        return problems;
    }

    private static Instant instant(String text, ZoneId zone) {
        var parsed = parse(text);
        if (parsed instanceof OffsetDateTime absolute) return absolute.toInstant();
        if (parsed instanceof LocalDateTime local) return local.atZone(zone).toInstant();
        throw new IllegalStateException("not a date-time: " + text);
    }

    private static Object parse(String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException withoutOffset) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeException neither) {
                return null;
            }
        }
    }
}
