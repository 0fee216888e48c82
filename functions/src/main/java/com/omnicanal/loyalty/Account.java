package com.omnicanal.loyalty;

import java.time.YearMonth;
import java.util.Map;
import java.util.TreeMap;

/**
 * A member's balance as kept with every entry, in the same write: available and pending points, the totals ever made
 * available and taken from it (which batch a debit consumed follows from them, oldest first), the points made available
 * per month (the tier counts the last 12), the purchases that earned, and the tier last told.
 */
public record Account(String customerId, long available, long pending, long credited, long debited,
                      Map<YearMonth, Long> earnedByMonth, int purchases, String tier, long version) {

    public static Account empty(String customerId) {
        return new Account(customerId, 0, 0, 0, 0, Map.of(), 0, null, 0);
    }

    public Account {
        earnedByMonth = Map.copyOf(earnedByMonth);
    }

    /** Points made available in the 12 months up to and including {@code month}. */
    public long earnedLast12Months(YearMonth month) {
        var from = month.minusMonths(11);
        return new TreeMap<>(earnedByMonth).subMap(from, true, month, true).values().stream().mapToLong(Long::longValue).sum();
    }
}
