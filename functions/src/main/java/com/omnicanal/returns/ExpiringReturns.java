package com.omnicanal.returns;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** Scheduled: authorizations not brought back in time expire, and give their units back to the purchase. */
public final class ExpiringReturns {
    private final Returns returns;
    private final ReturnMessages messages;
    private final ReturnPolicy policy;
    private final Clock clock;

    ExpiringReturns(Returns returns, ReturnMessages messages, ReturnPolicy policy, Clock clock) {
        this.returns = returns;
        this.messages = messages;
        this.policy = policy;
        this.clock = clock;
    }

    /** What one sweep did. */
    public record Sweep(int expired) {
    }

    public Sweep sweep() {
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int expired = 0;
        for (var overdue : returns.expiredBy(now, 100)) {
            var next = overdue.moveTo(ReturnStatus.EXPIRED, now, "system",
                    "not brought back within " + policy.validity().toDays() + " days");
            var result = returns.apply(new Returns.Change(next, ReturnStatus.REQUESTED, null, null, null,
                    List.of(messages.message(ReturnMessages.EXPIRED, next)), null, overdue.unitsGivenBackBy(next)));
            // received or rejected meanwhile: that change won
            if (result instanceof Returns.Outcome.Applied) expired++;
        }
        return new Sweep(expired);
    }
}
