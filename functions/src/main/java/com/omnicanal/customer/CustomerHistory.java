package com.omnicanal.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Port: what the other capabilities hold about a customer (reservations, orders, returns, messages). */
public interface CustomerHistory {
    /** Moves everything of {@code from} to {@code to}; safe to run again. */
    int reassign(String from, String to);

    /** Newest first, strictly before {@code before} (null: from now). */
    List<TimelineEntry> timeline(String customerId, Instant before, int limit);

    /** Every record of the customer, as stored, for a data export. */
    List<Map<String, Object>> export(String customerId);

    /** Keeps the records for the accounts and the stock, under an anonymous id and without personal data. */
    void anonymise(String customerId, String anonymousId);
}
