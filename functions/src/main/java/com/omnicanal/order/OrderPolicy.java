package com.omnicanal.order;

import java.time.Duration;

/** The click-and-collect promises, all configurable per deployment. */
public record OrderPolicy(Duration readyTarget, Duration holdingPeriod, Duration firstReminderAfter,
                          Duration lastReminderBefore, Duration transferFromWeb, Duration transferFromStore,
                          int maxWrongCodes, int maxLines, int maxQuantityPerLine) {
    public static final OrderPolicy DEFAULT = new OrderPolicy(Duration.ofHours(2), Duration.ofDays(7),
            Duration.ofHours(24), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(1), 5, 25, 10);
}
