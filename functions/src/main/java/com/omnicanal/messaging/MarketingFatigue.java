package com.omnicanal.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * How much marketing one customer receives: at most {@code perWeek} messages in any rolling 7 days, {@code perMonth} in
 * any rolling 30 days, and none within {@code minGap} of the last one. Transactional messages never count.
 */
public record MarketingFatigue(int perWeek, int perMonth, Duration minGap) {
    public static final Duration WEEK = Duration.ofDays(7), MONTH = Duration.ofDays(30);
    /** Common CRM practice for a retailer's loyalty messages: two or three a week, under ten a month, one a day. */
    public static final MarketingFatigue DEFAULT = new MarketingFatigue(3, 8, Duration.ofHours(24));
    public static final String TOO_SOON = "fatigue-min-gap", WEEKLY = "fatigue-weekly-limit",
            MONTHLY = "fatigue-monthly-limit";

    public MarketingFatigue {
        if (perWeek < 0 || perMonth < 0 || minGap == null || minGap.isNegative()) {
            throw new IllegalArgumentException("fatigue limits must be zero or more");
        }
    }

    /** Why one more marketing message now would be too many, given when the earlier ones went; empty when it may go. */
    public Optional<String> refusal(Collection<Instant> sent, Instant now) {
        if (!minGap.isZero() && sent.stream().anyMatch(at -> at.isAfter(now.minus(minGap)))) return Optional.of(TOO_SOON);
        if (sent.stream().filter(at -> at.isAfter(now.minus(WEEK))).count() >= perWeek) return Optional.of(WEEKLY);
        if (sent.stream().filter(at -> at.isAfter(now.minus(MONTH))).count() >= perMonth) return Optional.of(MONTHLY);
        return Optional.empty();
    }

    /** Whether a message sent at {@code at} can still count against one sent at {@code now}: older ones are dropped. */
    public boolean stillCounts(Instant at, Instant now) {
        var longest = minGap.compareTo(MONTH) > 0 ? minGap : MONTH;
        return at.isAfter(now.minus(longest));
    }
}
