package com.omnicanal.reservation.api;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.omnicanal.reservation.ReservationService;
import java.util.function.Function;

/** The scheduled function: every five minutes, releases the holds that have run out. */
public final class ReservationSweeper implements Function<ScheduledEvent, ReservationSweeper.SweepResult> {
    private static final int BATCH = 100;

    public record SweepResult(int released) {
    }

    private final ReservationService reservations;

    public ReservationSweeper(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Override
    public SweepResult apply(ScheduledEvent event) {
        return new SweepResult(reservations.releaseExpired(BATCH));
    }
}
