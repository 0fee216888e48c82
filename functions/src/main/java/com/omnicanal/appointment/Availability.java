package com.omnicanal.appointment;

import com.omnicanal.catalog.Store;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The free slots of an appointment type at a store, day by day in the store's time zone: starts on the quarter hours
 * of the hours both the store is open and an advisor who gives it works, after the minimum notice and within the
 * horizon, where the advisor is free for the appointment and its buffers and every resource it needs has a unit left
 * for its duration. Durations are real time: across a change of clock an appointment lasts what it says, and a day
 * has the hours it really has (23 on the last Sunday of March, 25 on the last of October in Europe).
 */
public final class Availability {
    private Availability() {
    }

    /** What is taken already: each advisor's cells, and each resource's units taken per cell. */
    public record Busy(Map<String, Set<Instant>> advisorCells, Map<String, Map<Instant, Integer>> resourceUnits) {
        public Busy {
            advisorCells = Map.copyOf(advisorCells);
            resourceUnits = Map.copyOf(resourceUnits);
        }

        boolean advisorFree(String advisorId, List<Instant> cells) {
            var taken = advisorCells.getOrDefault(advisorId, Set.of());
            return cells.stream().noneMatch(taken::contains);
        }

        boolean unitLeft(Resource resource, List<Instant> cells) {
            var units = resourceUnits.getOrDefault(resource.id(), Map.of());
            return cells.stream().allMatch(c -> units.getOrDefault(c, 0) < resource.capacity());
        }

        /** What is taken besides this appointment (to move it within its own time). */
        public Busy without(Appointment a) {
            var advisors = new java.util.HashMap<>(advisorCells);
            var mine = new java.util.HashSet<>(advisors.getOrDefault(a.advisorId(), Set.of()));
            a.advisorCells().forEach(mine::remove);
            advisors.put(a.advisorId(), mine);
            var resources = new java.util.HashMap<>(resourceUnits);
            for (var id : a.resourceIds()) {
                var units = new java.util.HashMap<>(resources.getOrDefault(id, Map.of()));
                a.resourceCells().forEach(c -> units.computeIfPresent(c, (k, n) -> n - 1));
                resources.put(id, units);
            }
            return new Busy(advisors, resources);
        }

        int advisorLoad(String advisorId) {
            return advisorCells.getOrDefault(advisorId, Set.of()).size();
        }
    }

    /** A free start, the advisors free then (least busy first: the one a booking without preference gets). */
    public record Slot(Instant start, Instant end, List<String> advisorIds) {
        public Slot {
            advisorIds = List.copyOf(advisorIds);
        }
    }

    public static List<Slot> slots(Store store, AppointmentType type, BookingSetup.StoreSetup setup, Busy busy,
                                   LocalDate from, LocalDate to, Instant now) {
        var zone = ZoneId.of(store.timeZone());
        var earliest = now.plus(Duration.ofMinutes(type.minimumNoticeMinutes()));
        var latest = now.plus(Duration.ofDays(type.horizonDays()));
        var resources = type.resourceIds().stream().map(id -> setup.resource(id).orElse(null)).toList();
        if (!type.active() || resources.contains(null)) return List.of();
        var advisors = setup.advisors().stream().filter(Advisor::active).filter(a -> type.givenBy(a.id())).toList();
        var slots = new ArrayList<Slot>();
        for (var date = from; !date.isAfter(to); date = date.plusDays(1)) {
            var open = storeHours(store, date, zone);
            // every start any advisor could take that day, in time order
            var starts = new java.util.TreeMap<Instant, List<String>>();
            for (var advisor : advisors) {
                for (var range : intersect(open, ranges(advisor.hoursOn(date), date, zone))) {
                    for (var start = Cells.ceil(range.start()); !start.plus(type.duration()).isAfter(range.end());
                         start = start.plusSeconds(Cells.SECONDS)) {
                        if (start.isBefore(earliest) || start.isAfter(latest)) continue;
                        var block = Cells.covering(start.minus(Duration.ofMinutes(type.bufferBeforeMinutes())),
                                start.plus(type.duration()).plus(Duration.ofMinutes(type.bufferAfterMinutes())));
                        var during = Cells.covering(start, start.plus(type.duration()));
                        if (!busy.advisorFree(advisor.id(), block)) continue;
                        if (!resources.stream().allMatch(r -> busy.unitLeft(r, during))) continue;
                        starts.computeIfAbsent(start, s -> new ArrayList<>()).add(advisor.id());
                    }
                }
            }
            starts.forEach((start, ids) -> slots.add(new Slot(start, start.plus(type.duration()),
                    ids.stream().sorted(Comparator.comparingInt(busy::advisorLoad).thenComparing(id -> id)).toList())));
        }
        return slots;
    }

    /** An instant range [start, end). */
    record Span(Instant start, Instant end) {
    }

    /** The store's hours in force on that date (closures and holiday hours included), as instants in its zone. */
    static List<Span> storeHours(Store store, LocalDate date, ZoneId zone) {
        var hours = store.hoursOn(date).stream().map(h -> new Advisor.TimeRange(h.opens(), h.closes())).toList();
        return ranges(hours, date, zone);
    }

    /**
     * Local ranges of a date as instants: a local time the clock skips (02:30 on the last Sunday of March) moves on by
     * the gap (03:30), one it repeats (02:30 on the last Sunday of October) is the first of the two.
     */
    static List<Span> ranges(List<Advisor.TimeRange> hours, LocalDate date, ZoneId zone) {
        return hours.stream().map(h -> new Span(date.atTime(h.start()).atZone(zone).toInstant(),
                h.end().equals(LocalTime.MIDNIGHT) ? date.plusDays(1).atStartOfDay(zone).toInstant()
                        : date.atTime(h.end()).atZone(zone).toInstant()))
                .filter(s -> s.start().isBefore(s.end())).toList();
    }

    static List<Span> intersect(List<Span> a, List<Span> b) {
        var both = new ArrayList<Span>();
        for (var x : a) {
            for (var y : b) {
                var start = x.start().isAfter(y.start()) ? x.start() : y.start();
                var end = x.end().isBefore(y.end()) ? x.end() : y.end();
                if (start.isBefore(end)) both.add(new Span(start, end));
            }
        }
        return both;
    }
}
