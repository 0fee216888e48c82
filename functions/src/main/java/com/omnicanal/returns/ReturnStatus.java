package com.omnicanal.returns;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A return authorization's life: requested, then received in a store or the warehouse (which closes it: what did not
 * come is given back to the purchase) and refunded; or rejected; or, never brought back in time, expired.
 */
public enum ReturnStatus {
    REQUESTED, RECEIVED, REFUND_PENDING, REFUNDED, REJECTED, EXPIRED;

    private static final Map<ReturnStatus, Set<ReturnStatus>> MOVES = Map.of(
            REQUESTED, EnumSet.of(RECEIVED, REJECTED, EXPIRED),
            RECEIVED, EnumSet.of(REFUND_PENDING, REJECTED),
            REFUND_PENDING, EnumSet.of(REFUNDED, REJECTED),
            REFUNDED, EnumSet.noneOf(ReturnStatus.class),
            REJECTED, EnumSet.noneOf(ReturnStatus.class),
            EXPIRED, EnumSet.noneOf(ReturnStatus.class));

    public boolean canMoveTo(ReturnStatus next) {
        return MOVES.get(this).contains(next);
    }
}
