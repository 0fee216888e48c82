package com.omnicanal.messaging.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.messaging.DeliveryLog;
import java.time.Clock;
import java.util.function.Function;

/** Scheduled: puts deferred messages whose quiet hours are over, and abandoned claims, back in the stream. */
public final class MessageRedrive implements Function<ScheduledEvent, MessageRedrive.RedriveResult> {
    public record RedriveResult(int redriven) {
    }

    private final DeliveryLog log;
    private final Clock clock;

    public MessageRedrive(DeliveryLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    @Override
    public RedriveResult apply(ScheduledEvent event) {
        return new RedriveResult(log.redriveDue(clock.instant(), 100));
    }
}
