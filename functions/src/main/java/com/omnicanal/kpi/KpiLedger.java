package com.omnicanal.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: the KPI counters per store, day and channel, per store and month for sales, and per ISO week for customers. */
public interface KpiLedger {

    /**
     * Adds the tally's counts, and moves its customer's week ({@link CustomerWeek}), all at once and only if its event
     * was not counted before: false (and nothing changed) when it was. Safe to call from any number of threads.
     */
    boolean count(Tally tally);

    /** The rows of these stores from one day to another (inclusive), as counted so far. */
    List<DayCounts> days(Collection<String> storeIds, LocalDate from, LocalDate to);

    /** The sales report rows of a store (or the web) for a calendar month, as counted so far. */
    List<MonthCounts> months(String storeId, YearMonth month);

    /** The customer figures of these ISO weeks that have any. */
    List<WeekCounts> weeks(Collection<String> weeks);

    record DayCounts(String storeId, LocalDate day, Channel channel, Map<String, Long> counts) {
        public DayCounts {
            counts = Map.copyOf(counts);
        }
    }

    record MonthCounts(String storeId, YearMonth month, SalesLine line, Map<String, Long> counts) {
        public MonthCounts {
            counts = Map.copyOf(counts);
        }
    }

    record WeekCounts(String week, Map<CustomerWeek.Figure, Long> counts) {
        public WeekCounts {
            counts = Map.copyOf(counts);
        }
    }
}
