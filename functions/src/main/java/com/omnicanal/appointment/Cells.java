package com.omnicanal.appointment;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Time as bookings take it: quarters of an hour aligned on UTC (every European offset is a whole number of quarters),
 * so a booking is a set of cells, each an item a conditional write takes or frees: an advisor's cell is free or held
 * by one appointment, a resource's counts its units taken.
 */
public final class Cells {
    public static final int MINUTES = 15;
    static final long SECONDS = MINUTES * 60L;

    private Cells() {
    }

    /** The cell holding this instant. */
    static Instant floor(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), SECONDS) * SECONDS);
    }

    /** The first cell boundary at or after this instant. */
    static Instant ceil(Instant at) {
        var floor = floor(at);
        return floor.equals(at) ? at : floor.plusSeconds(SECONDS);
    }

    /** The cells covering [from, to). */
    static List<Instant> covering(Instant from, Instant to) {
        var cells = new ArrayList<Instant>();
        for (var cell = floor(from); cell.isBefore(to); cell = cell.plus(Duration.ofMinutes(MINUTES))) cells.add(cell);
        return cells;
    }
}
