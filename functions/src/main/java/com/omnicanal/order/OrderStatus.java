package com.omnicanal.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of a click-and-collect order, and the only moves it allows. */
public enum OrderStatus {
    /** The pickup store lacks a line: options were offered, nothing is held until the customer picks one. */
    AWAITING_CUSTOMER,
    /** Stock held, waiting for the store to confirm it has everything. */
    PLACED,
    ACCEPTED,
    /** Prepared, pickup code sent; the holding period runs. */
    READY,
    COLLECTED, REJECTED, CANCELLED, EXPIRED;

    private static final Map<OrderStatus, Set<OrderStatus>> MOVES = Map.of(
            AWAITING_CUSTOMER, EnumSet.of(PLACED, CANCELLED, EXPIRED),
            PLACED, EnumSet.of(ACCEPTED, REJECTED, CANCELLED),
            ACCEPTED, EnumSet.of(READY, REJECTED, CANCELLED),
            READY, EnumSet.of(COLLECTED, CANCELLED, EXPIRED),
            COLLECTED, EnumSet.noneOf(OrderStatus.class),
            REJECTED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class),
            EXPIRED, EnumSet.noneOf(OrderStatus.class));

    public boolean canMoveTo(OrderStatus next) {
        return MOVES.get(this).contains(next);
    }

    public boolean isOpen() {
        return !MOVES.get(this).isEmpty();
    }

    /** Stock is held for the order in these states. */
    public boolean holdsStock() {
        return this == PLACED || this == ACCEPTED || this == READY;
    }
}
