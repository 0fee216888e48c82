package com.omnicanal.testing.memory;

import com.omnicanal.kpi.CustomerWeek;
import com.omnicanal.kpi.KpiLedger;
import com.omnicanal.kpi.Tally;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The KPI counters in memory: one lock, a tally counted whole or not at all, once per event. */
public final class InMemoryKpiLedger implements KpiLedger {
    private final Set<String> counted = new HashSet<>();
    private final Map<Tally.Row, Map<String, Long>> rows = new HashMap<>();
    private final Map<String, CustomerWeek> customers = new HashMap<>();
    private final Map<String, Map<CustomerWeek.Figure, Long>> weeks = new HashMap<>();

    @Override
    public synchronized boolean count(Tally tally) {
        if (!counted.add(tally.eventId())) return false;
        for (var count : tally.counts()) {
            var row = rows.computeIfAbsent(count.row(), r -> new HashMap<>());
            count.adds().forEach((name, value) -> row.merge(name, value, Long::sum));
        }
        var activity = tally.activity();
        if (activity != null) {
            var key = activity.customerId() + "#" + activity.week();
            var before = customers.getOrDefault(key, CustomerWeek.NONE);
            var after = before.after(activity);
            customers.put(key, after);
            var week = weeks.computeIfAbsent(activity.week(), w -> new EnumMap<>(CustomerWeek.Figure.class));
            after.gainedSince(before).forEach((figure, value) -> week.merge(figure, value, Long::sum));
        }
        return true;
    }

    @Override
    public synchronized List<DayCounts> days(Collection<String> storeIds, LocalDate from, LocalDate to) {
        var found = new ArrayList<DayCounts>();
        rows.forEach((row, counts) -> {
            if (row instanceof Tally.Day day && storeIds.contains(day.storeId()) && !day.day().isBefore(from)
                    && !day.day().isAfter(to)) {
                found.add(new DayCounts(day.storeId(), day.day(), day.channel(), counts));
            }
        });
        return found;
    }

    @Override
    public synchronized List<MonthCounts> months(String storeId, YearMonth month) {
        var found = new ArrayList<MonthCounts>();
        rows.forEach((row, counts) -> {
            if (row instanceof Tally.Month m && m.storeId().equals(storeId) && m.month().equals(month)) {
                found.add(new MonthCounts(storeId, month, m.line(), counts));
            }
        });
        return found;
    }

    @Override
    public synchronized List<WeekCounts> weeks(Collection<String> wanted) {
        return wanted.stream().filter(weeks::containsKey).map(w -> new WeekCounts(w, weeks.get(w))).toList();
    }
}
