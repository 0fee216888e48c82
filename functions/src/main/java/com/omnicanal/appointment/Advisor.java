package com.omnicanal.appointment;

import com.omnicanal.shared.DomainException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A member of a store's staff who sees customers by appointment: the hours of a usual week, and exceptions to it
 * (holidays and sick days with no hours; other hours on given days), always within the store's opening hours.
 */
public record Advisor(String id, String storeId, String name, List<WorkingHours> week, List<PlanException> exceptions,
                      boolean active) {

    /** Hours worked on a day of a usual week (several per day for a break). */
    public record WorkingHours(DayOfWeek day, LocalTime start, LocalTime end) {
    }

    /** From one date to another (both included): no hours (away) or these hours instead of the usual week's. */
    public record PlanException(LocalDate from, LocalDate to, List<TimeRange> hours, String reason) {
        public PlanException {
            hours = hours == null ? List.of() : List.copyOf(hours);
        }

        boolean covers(LocalDate date) {
            return !date.isBefore(from) && !date.isAfter(to);
        }
    }

    /** Local times of a day, start before end. */
    public record TimeRange(LocalTime start, LocalTime end) {
    }

    public Advisor {
        week = week == null ? List.of() : List.copyOf(week);
        exceptions = exceptions == null ? List.of() : List.copyOf(exceptions);
        // openapi.yaml checks each time's shape; that a range ends after it starts, it cannot say
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < week.size(); i++) {
            if (!week.get(i).start().isBefore(week.get(i).end())) {
                violations.add(new DomainException.Violation("week[" + i + "]", "ends before it starts"));
            }
        }
        for (int i = 0; i < exceptions.size(); i++) {
            var e = exceptions.get(i);
            if (e.to().isBefore(e.from())) violations.add(new DomainException.Violation("exceptions[" + i + "].to", "is before from"));
            for (int j = 0; j < e.hours().size(); j++) {
                if (!e.hours().get(j).start().isBefore(e.hours().get(j).end())) {
                    violations.add(new DomainException.Violation("exceptions[" + i + "].hours[" + j + "]", "ends before it starts"));
                }
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
    }

    /** The hours worked on that date: the last exception covering it decides, else the usual week. */
    List<TimeRange> hoursOn(LocalDate date) {
        for (int i = exceptions.size() - 1; i >= 0; i--) {
            if (exceptions.get(i).covers(date)) return exceptions.get(i).hours();
        }
        return week.stream().filter(h -> h.day() == date.getDayOfWeek()).map(h -> new TimeRange(h.start(), h.end())).toList();
    }
}
