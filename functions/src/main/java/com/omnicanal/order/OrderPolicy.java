package com.omnicanal.order;

import com.omnicanal.catalog.Store;
import java.time.Duration;
import java.time.Instant;

/** The click-and-collect promises, all configurable per deployment (the request limits are openapi.yaml's). */
public record OrderPolicy(Duration readyTarget, Duration holdingPeriod, Duration firstReminderAfter,
                          Duration lastReminderBefore, Duration transferFromWeb, Duration transferFromStore,
                          int maxWrongCodes) {
    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofHours(2), Duration.ofDays(7),
            Duration.ofHours(24), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(1), 5);

    /** A store may promise faster (or slower) than the default ready target. */
    public Duration readyTargetAt(Store store) {
        return store.readyTargetMinutes() == null ? readyTarget : Duration.ofMinutes(store.readyTargetMinutes());
    }

    /** When an order the store starts on at {@code from} is promised: its target in opening time, the hours in force each day. */
    public Instant readyBy(Store store, Instant from) {
        return store.readyBy(from, readyTargetAt(store));
    }
}
