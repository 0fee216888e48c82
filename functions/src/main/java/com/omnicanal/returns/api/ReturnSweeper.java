package com.omnicanal.returns.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.returns.ExpiringReturns;
import java.util.function.Function;

/** Scheduled: return authorizations not brought back in time expire and give their units back to the purchase. */
public final class ReturnSweeper implements Function<ScheduledEvent, ExpiringReturns.Sweep> {
    private final ExpiringReturns returns;

    public ReturnSweeper(ExpiringReturns returns) {
        this.returns = returns;
    }

    @Override
    public ExpiringReturns.Sweep apply(ScheduledEvent event) {
        return returns.sweep();
    }
}
