package com.omnicanal.reservation.dynamo;

import com.omnicanal.reservation.ReservationStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * The expiry index's partition keys for open holds: {@code HELD#0} to {@code HELD#7} by the reservation id, so holds
 * and releases spread over 8 index partitions (each takes about 1,000 writes a second) instead of one. Holds written
 * before the shards keep {@code HELD}: the sweeper reads that key too until none is left (at most 48 hours after the
 * change, longer only for holds an appointment extended; a query of {@code openStatus = HELD} with Limit 1 tells).
 */
public final class ExpiryShards {
    /** The one place the number of shards is set; changing it leaves old holds under keys no longer read. */
    public static final int COUNT = 8;
    static final String LEGACY = ReservationStatus.HELD.name();

    private ExpiryShards() {
    }

    /** The index key of an open hold with this id (String.hashCode is specified, so the same in every JVM). */
    public static String of(String reservationId) {
        return LEGACY + "#" + Math.floorMod(reservationId.hashCode(), COUNT);
    }

    /** Every key the sweeper reads: the shards, then the key of holds written before them. */
    static List<String> all() {
        var keys = new ArrayList<String>();
        for (int i = 0; i < COUNT; i++) keys.add(LEGACY + "#" + i);
        keys.add(LEGACY);
        return keys;
    }
}
