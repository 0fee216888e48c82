package com.omnicanal.catalog;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A physical store: where stock sits, reservations are held, orders collected and returns received. Its hours in force
 * on a day are its weekly hours, unless a closure covers the day (closed) or holiday hours name the day (those ranges
 * instead), all in the store's time zone.
 */
public record Store(String id, String name, Address address, String phone, String timeZone,
                    List<OpeningHours> openingHours, Coordinates coordinates, Integer readyTargetMinutes,
                    List<StoreOffering> services, List<Closure> closures, List<HolidayHours> holidayHours) {
    /** How far ahead a ready time is looked for: beyond, a store with no hours gets the plain target. */
    private static final int DAYS_AHEAD = 60;

    public Store {
        openingHours = openingHours == null ? List.of() : List.copyOf(openingHours);
        closures = closures == null ? List.of() : List.copyOf(closures);
        holidayHours = holidayHours == null ? List.of() : List.copyOf(holidayHours);
        services = services == null ? null : List.copyOf(services);
    }

    public record Address(String street, String postcode, String city, String country) {
    }

    /** One opening range on a weekday; a day may have several (a lunch break). */
    public record OpeningHours(String day, String opens, String closes) {
    }

    /** Closed from {@code from} to {@code to}, both included (works, a strike, an inventory day). */
    public record Closure(String from, String to, String reason) {
    }

    /** The hours of that date instead of the weekly ones (a Sunday before Christmas, a bank holiday); several ranges may share a date. */
    public record HolidayHours(String date, String opens, String closes, String reason) {
    }

    public record Coordinates(double latitude, double longitude) {
    }

    /** One range of opening, as in force on a date. */
    public record Range(LocalTime opens, LocalTime closes) {
        @Override
        public String toString() {
            return opens + "-" + closes;
        }
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public boolean offers(StoreOffering service) {
        return services == null || services.contains(service);
    }

    /** The hours in force on that date, sorted; none when the store is closed. */
    public List<Range> hoursOn(LocalDate date) {
        for (var closure : closures) {
            if (!date.isBefore(LocalDate.parse(closure.from())) && !date.isAfter(LocalDate.parse(closure.to()))) return List.of();
        }
        var special = holidayHours.stream().filter(h -> LocalDate.parse(h.date()).equals(date)).toList();
        var ranges = special.isEmpty()
                ? openingHours.stream().filter(h -> h.day().equalsIgnoreCase(date.getDayOfWeek().name()))
                        .map(h -> new Range(LocalTime.parse(h.opens()), LocalTime.parse(h.closes())))
                : special.stream().filter(h -> h.opens() != null && h.closes() != null)
                        .map(h -> new Range(LocalTime.parse(h.opens()), LocalTime.parse(h.closes())));
        return ranges.sorted(Comparator.comparing(Range::opens)).toList();
    }

    /** Whether the store is open at that instant, by the hours in force that day in its own time zone. */
    public boolean openAt(Instant at) {
        var local = at.atZone(zone());
        var time = local.toLocalTime();
        return hoursOn(local.toLocalDate()).stream().anyMatch(r -> !time.isBefore(r.opens()) && time.isBefore(r.closes()));
    }

    /** The hours in force on that date as the messages say them, "10:00-19:30" (several ranges joined by "/"), or "" when closed. */
    public String hoursText(LocalDate date) {
        return hoursOn(date).stream().map(Range::toString).collect(Collectors.joining("/"));
    }

    /**
     * When an order started at {@code from} is ready if it takes {@code work} of opening time: the time the store is
     * closed (nights, Sundays, closures, holiday hours) does not count. A store with no hours ahead gets from + work.
     */
    public Instant readyBy(Instant from, Duration work) {
        var zone = zone();
        var remaining = work;
        var cursor = from;
        var date = LocalDate.ofInstant(from, zone);
        for (int day = 0; day < DAYS_AHEAD; day++, date = date.plusDays(1)) {
            for (var range : hoursOn(date)) {
                var opens = date.atTime(range.opens()).atZone(zone).toInstant();
                var closes = date.atTime(range.closes()).atZone(zone).toInstant();
                if (!closes.isAfter(cursor)) continue;
                var start = opens.isAfter(cursor) ? opens : cursor;
                var open = Duration.between(start, closes);
                if (open.compareTo(remaining) >= 0) return start.plus(remaining);
                remaining = remaining.minus(open);
                cursor = closes;
            }
        }
        return from.plus(work);
    }

    /** What openapi.yaml cannot say of a store ops write: a real time zone, ranges that end after they start and do not overlap, dates in order. */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException | NullPointerException e) {
            problems.add("timeZone is not a time zone (e.g. Europe/Paris)");
        }
        var weekly = new ArrayList<String>();
        for (int i = 0; i < openingHours.size(); i++) {
            var h = openingHours.get(i);
            ranges(problems, "openingHours[" + i + "]", h.day(), h.opens(), h.closes(), weekly);
        }
        for (int i = 0; i < closures.size(); i++) {
            var c = closures.get(i);
            var from = date(problems, "closures[" + i + "].from", c.from());
            var to = date(problems, "closures[" + i + "].to", c.to());
            if (from != null && to != null && to.isBefore(from)) problems.add("closures[" + i + "].to is on or after from");
        }
        var holidays = new ArrayList<String>();
        for (int i = 0; i < holidayHours.size(); i++) {
            var h = holidayHours.get(i);
            var field = "holidayHours[" + i + "]";
            if (date(problems, field + ".date", h.date()) == null) continue;
            if ((h.opens() == null) != (h.closes() == null)) {
                problems.add(field + " gives both opens and closes (or neither, for a day closed)");
            } else if (h.opens() != null) {
                ranges(problems, field, h.date(), h.opens(), h.closes(), holidays);
            }
        }
        if (services != null && new HashSet<>(services).size() < services.size()) problems.add("services names a service twice");
        return problems;
    }

    /** A range that ends after it starts and overlaps no other range of the same day (ranges already seen: "day opens closes"). */
    private static void ranges(List<String> problems, String field, String day, String opens, String closes, List<String> seen) {
        LocalTime from;
        LocalTime to;
        try {
            from = LocalTime.parse(opens);
            to = LocalTime.parse(closes);
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(field + " gives opens and closes as HH:mm");
            return;
        }
        if (!to.isAfter(from)) {
            problems.add(field + ".closes is after opens");
            return;
        }
        for (var other : seen) {
            var parts = other.split(" ");
            if (parts[0].equalsIgnoreCase(day) && from.isBefore(LocalTime.parse(parts[2])) && LocalTime.parse(parts[1]).isBefore(to)) {
                problems.add(field + " overlaps another range of " + day);
                return;
            }
        }
        seen.add(day + " " + from + " " + to);
    }

    private static LocalDate date(List<String> problems, String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            problems.add(field + " is a date (yyyy-MM-dd)");
            return null;
        }
    }
}
