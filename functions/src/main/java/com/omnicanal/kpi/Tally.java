package com.omnicanal.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one business event adds to the KPIs: counters on one or two store rows (a return counts where it was received
 * and where it was sold), and the customer's activity in the week. {@code eventId} is what makes a second delivery of
 * the same event count nothing.
 */
public record Tally(String eventId, List<Count> counts, CustomerActivity activity) {

    /** The row of a store, a day and a channel; the web warehouse is the store {@value KpiTallies#WEB_WAREHOUSE}. */
    public record Row(String storeId, LocalDate day, Channel channel) {
        public Row {
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(channel, "channel");
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
