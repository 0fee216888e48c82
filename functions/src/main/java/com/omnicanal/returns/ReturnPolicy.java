package com.omnicanal.returns;

import java.time.Duration;

/**
 * The returns promises, configurable per deployment: how long after the sale a return may be asked ({@code window}),
 * and how long the customer then has to bring the units back ({@code validity}).
 */
public record ReturnPolicy(Duration window, Duration validity) {
    public static final ReturnPolicy DEFAULT = new ReturnPolicy(Duration.ofDays(30), Duration.ofDays(14));
}
