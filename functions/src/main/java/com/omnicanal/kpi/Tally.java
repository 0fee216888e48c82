package com.omnicanal.kpi;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one business event adds to the KPIs: counters on a few store rows (a return counts where it was received and
 * where it was sold; a sale where it was sold, for whom and by whom), and the customer's activity in the week.
 * {@code eventId} is what makes a second delivery of the same event count nothing.
 */
public record Tally(String eventId, List<Count> counts, CustomerActivity activity) {

    /** A store's row of counters; the web warehouse (and the web as a seller) is the store {@value KpiTallies#WEB_WAREHOUSE}. */
    public sealed interface Row permits Day, Month {
        String storeId();
    }

    /** The row of a store, a day and a channel. */
    public record Day(String storeId, LocalDate day, Channel channel) implements Row {
        public Day {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(channel, "channel");
        }
    }

    /** The row of a store, a calendar month and one line of its sales report. */
    public record Month(String storeId, YearMonth month, SalesLine line) implements Row {
        public Month {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(line, "line");
        }
    }

    /** Counters to add on a row, by their stored key. */
    public record Count(Row row, Map<String, Long> adds) {
        public Count {
            adds = Map.copyOf(adds);
        }
    }

    /** A customer acted on a channel in an ISO week ({@code 2026-W48}); a purchase counts towards the repeat rate. */
    public record CustomerActivity(String customerId, String week, Channel channel, boolean purchase) {
    }

    public Tally {
        Objects.requireNonNull(eventId, "eventId");
        counts = List.copyOf(counts);
    }
}
