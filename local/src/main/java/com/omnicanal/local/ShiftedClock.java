package com.omnicanal.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The wall clock moved by an offset: the history sets it to a past moment, then back to now. */
final class ShiftedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    /** From now on, the clock reads {@code at}, and runs on from there. */
    void set(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the functions' clock is UTC");
    }
}
