package com.omnicanal.reservation;

import java.time.Duration;

/** How long a reservation holds stock, and how many units one reservation may take. */
public record HoldPolicy(Duration holdPeriod, int maxQuantity) {
    public static final HoldPolicy DEFAULT = new HoldPolicy(Duration.ofHours(48), 5);

    public HoldPolicy {
        if (holdPeriod.isNegative() || holdPeriod.isZero()) throw new IllegalArgumentException("hold period must be positive");
        if (maxQuantity < 1) throw new IllegalArgumentException("max quantity must be at least 1");
    }
}
