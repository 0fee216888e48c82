package com.omnicanal.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.catalog.Store;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Free slots, case by case: opening hours, an advisor's week and its exceptions, buffers, resources, the clock's changes. */
@Tag("fast")
class AvailabilityTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Instant LONG_BEFORE = Instant.parse("2026-01-01T00:00:00Z");

    /** A store open every day with these hours, in Paris. */
    private static Store store(String opens, String closes) {
        var hours = Stream.of(DayOfWeek.values()).map(d -> new Store.OpeningHours(d.name(), opens, closes)).toList();
        return new Store("s1", "Test", new Store.Address("1 rue", "75001", "Paris", "FR"), "+33100000000", "Europe/Paris",
                hours, new Store.Coordinates(48.86, 2.34), 60, null, List.of(), List.of());
    }

    private static Advisor advisor(String id, String start, String end, Advisor.PlanException... exceptions) {
        var week = Stream.of(DayOfWeek.values())
                .map(d -> new Advisor.WorkingHours(d, LocalTime.parse(start), LocalTime.parse(end))).toList();
        return new Advisor(id, "s1", id, week, List.of(exceptions), true);
    }

    private static AppointmentType type(int duration, int before, int after, int notice, List<String> resources) {
        return new AppointmentType("t1", "s1", "Fitting", duration, before, after, notice, 365, List.of(), resources, true);
    }

    private static Advisor.PlanException away(String from, String to) {
        return new Advisor.PlanException(LocalDate.parse(from), LocalDate.parse(to), List.of(), "holiday");
    }

    private static Advisor.PlanException hours(String date, String start, String end) {
        return new Advisor.PlanException(LocalDate.parse(date), LocalDate.parse(date),
                List.of(new Advisor.TimeRange(LocalTime.parse(start), LocalTime.parse(end))), "other hours");
    }

    private static Availability.Busy busy(Map<String, Set<Instant>> advisors, Map<String, Map<Instant, Integer>> resources) {
        return new Availability.Busy(advisors, resources);
    }

    private static final Availability.Busy NOTHING = busy(Map.of(), Map.of());
    private static final Resource ROOM = new Resource("room", "s1", "Fitting room", 1);
    private static final Resource ROOMS = new Resource("rooms", "s1", "Fitting rooms", 2);

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, store, advisors, type, busy, date, now, expected local starts
                Arguments.of("an ordinary day: quarter-hour starts that end by closing time",
                        store("10:00", "12:00"), List.of(advisor("a", "10:00", "19:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-03-21", LONG_BEFORE, List.of("10:00", "10:15", "10:30", "10:45", "11:00")),
                Arguments.of("only the hours both the store is open and the advisor works",
                        store("10:00", "19:30"), List.of(advisor("a", "17:30", "21:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-03-21", LONG_BEFORE, List.of("17:30", "17:45", "18:00", "18:15", "18:30")),
                Arguments.of("last Sunday of March: the night loses an hour, 01:00-05:00 holds 3 real hours",
                        store("01:00", "05:00"), List.of(advisor("a", "01:00", "05:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-03-29", LONG_BEFORE,
                        List.of("01:00", "01:15", "01:30", "01:45", "03:00", "03:15", "03:30", "03:45", "04:00")),
                Arguments.of("the Sunday before: the same hours hold 4",
                        store("01:00", "05:00"), List.of(advisor("a", "01:00", "05:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-03-22", LONG_BEFORE,
                        List.of("01:00", "01:15", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "03:00",
                                "03:15", "03:30", "03:45", "04:00")),
                Arguments.of("last Sunday of October: the night gains an hour, 01:00-05:00 holds 5 (02:xx twice)",
                        store("01:00", "05:00"), List.of(advisor("a", "01:00", "05:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-10-25", LONG_BEFORE,
                        List.of("01:00", "01:15", "01:30", "01:45", "02:00", "02:15", "02:30", "02:45", "02:00",
                                "02:15", "02:30", "02:45", "03:00", "03:15", "03:30", "03:45", "04:00")),
                Arguments.of("an advisor away (holiday over several days) has no slot on any of them",
                        store("10:00", "12:00"), List.of(advisor("a", "10:00", "19:00", away("2026-03-20", "2026-03-23"))),
                        type(60, 0, 0, 0, List.of()), NOTHING, "2026-03-21", LONG_BEFORE, List.of()),
                Arguments.of("other hours on a date replace the usual week's",
                        store("10:00", "19:00"), List.of(advisor("a", "10:00", "19:00", hours("2026-03-21", "15:00", "16:30"))),
                        type(60, 0, 0, 0, List.of()), NOTHING, "2026-03-21", LONG_BEFORE, List.of("15:00", "15:15", "15:30")),
                Arguments.of("the day after an exception, the usual week again",
                        store("10:00", "11:30"), List.of(advisor("a", "10:00", "19:00", hours("2026-03-21", "15:00", "16:30"))),
                        type(60, 0, 0, 0, List.of()), NOTHING, "2026-03-22", LONG_BEFORE, List.of("10:00", "10:15", "10:30")),
                Arguments.of("a booking 11:00-11:30 with 15 min after it, and 15 min before ours: free again from 12:00",
                        store("10:00", "13:00"), List.of(advisor("a", "10:00", "19:00")), type(30, 15, 0, 0, List.of()),
                        busy(Map.of("a", cells("2026-03-21T10:00:00Z", 3)), Map.of()), "2026-03-21", LONG_BEFORE,
                        List.of("10:00", "10:15", "10:30", "12:00", "12:15", "12:30")),
                Arguments.of("a resource with no unit left blocks every advisor",
                        store("10:00", "11:30"), List.of(advisor("a", "10:00", "19:00"), advisor("b", "10:00", "19:00")),
                        type(30, 0, 0, 0, List.of("room")), busy(Map.of(), Map.of("room", units("2026-03-21T09:15:00Z", 1))),
                        "2026-03-21", LONG_BEFORE, List.of("10:30", "10:45", "11:00")),
                Arguments.of("a resource with a unit left does not",
                        store("10:00", "11:00"), List.of(advisor("a", "10:00", "19:00")), type(30, 0, 0, 0, List.of("rooms")),
                        busy(Map.of(), Map.of("rooms", units("2026-03-21T09:15:00Z", 1))), "2026-03-21", LONG_BEFORE,
                        List.of("10:00", "10:15", "10:30")),
                Arguments.of("minimum notice: nothing sooner than 2 hours from now",
                        store("10:00", "14:00"), List.of(advisor("a", "10:00", "19:00")), type(60, 0, 0, 120, List.of()),
                        NOTHING, "2026-03-21", Instant.parse("2026-03-21T08:50:00Z"), List.of("12:00", "12:15", "12:30", "12:45", "13:00")),
                Arguments.of("horizon: nothing further than the type's 365 days ahead",
                        store("10:00", "12:00"), List.of(advisor("a", "10:00", "19:00")), type(60, 0, 0, 0, List.of()),
                        NOTHING, "2026-06-21", Instant.parse("2025-03-21T09:00:00Z"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void freeSlots(String name, Store store, List<Advisor> advisors, AppointmentType type, Availability.Busy busy,
                   String date, Instant now, List<String> expected) {
        var setup = new BookingSetup.StoreSetup("s1", List.of(type), advisors, List.of(ROOM, ROOMS));
        var day = LocalDate.parse(date);
        var slots = Availability.slots(store, type, setup, busy, day, day, now);
        assertThat(slots.stream().map(s -> DateTimeFormatter.ofPattern("HH:mm").format(s.start().atZone(PARIS))).toList())
                .isEqualTo(expected);
        assertThat(slots).allSatisfy(s -> assertThat(s.end()).isEqualTo(s.start().plus(type.duration())));
    }

    @org.junit.jupiter.api.Test
    void acrossTheSpringChangeTheSameLocalHourIsAnHourEarlierInUtc() {
        var store = store("11:00", "13:00");
        var setup = new BookingSetup.StoreSetup("s1", List.of(), List.of(advisor("a", "11:00", "13:00")), List.of());
        var type = type(60, 0, 0, 0, List.of());
        var slots = Availability.slots(store, type, setup, NOTHING, LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"),
                LONG_BEFORE);
        assertThat(slots.get(0).start()).isEqualTo(Instant.parse("2026-03-28T10:00:00Z"));
        assertThat(slots.get(5).start()).isEqualTo(Instant.parse("2026-03-29T09:00:00Z"));
        assertThat(slots).hasSize(10);
    }

    @org.junit.jupiter.api.Test
    void theLeastBusyAdvisorComesFirst() {
        var store = store("10:00", "11:00");
        var setup = new BookingSetup.StoreSetup("s1", List.of(), List.of(advisor("a", "10:00", "19:00"),
                advisor("b", "10:00", "19:00")), List.of());
        var busyA = busy(Map.of("a", cells("2026-03-21T15:00:00Z", 4)), Map.of());
        var slots = Availability.slots(store, type(30, 0, 0, 0, List.of()), setup, busyA, LocalDate.parse("2026-03-21"),
                LocalDate.parse("2026-03-21"), LONG_BEFORE);
        assertThat(slots).allSatisfy(s -> assertThat(s.advisorIds()).containsExactly("b", "a"));
    }

    private static Set<Instant> cells(String first, int count) {
        var start = Instant.parse(first);
        return Stream.iterate(start, c -> c.plusSeconds(Cells.SECONDS)).limit(count).collect(java.util.stream.Collectors.toSet());
    }

    private static Map<Instant, Integer> units(String first, int taken) {
        return Map.of(Instant.parse(first), taken);
    }
}
