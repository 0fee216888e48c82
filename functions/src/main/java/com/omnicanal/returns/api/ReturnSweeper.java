package com.omnicanal.returns.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.returns.ReturnService;
import java.util.function.Function;

/** Scheduled: return authorizations not brought back in time expire and give their units back to the purchase. */
public final class ReturnSweeper implements Function<ScheduledEvent, ReturnService.Sweep> {
    private final ReturnService returns;

    public ReturnSweeper(ReturnService returns) {
        this.returns = returns;
    }

    @Override
    public ReturnService.Sweep apply(ScheduledEvent event) {
        return returns.sweep();
    }
}
