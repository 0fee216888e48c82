package com.omnicanal.reservation;

/** A reservation is held until the customer buys it in store, cancels it, or the hold period runs out. */
public enum ReservationStatus {
    HELD, CANCELLED, COMPLETED, EXPIRED;

    public boolean isOpen() {
        return this == HELD;
    }
}
