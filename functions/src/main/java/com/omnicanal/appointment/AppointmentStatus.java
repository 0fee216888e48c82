package com.omnicanal.appointment;

/**
 * HELD: a slot kept a few minutes while the customer confirms. CONFIRMED: booked. CHECKED_IN: the customer is in the
 * store. Final: COMPLETED, CANCELLED (by the customer or the store), NO_SHOW (the customer's or the advisor's),
 * EXPIRED (a hold never confirmed).
 */
public enum AppointmentStatus {
    HELD, CONFIRMED, CHECKED_IN, COMPLETED, CANCELLED, NO_SHOW, EXPIRED;

    /** Whether the appointment keeps its advisor and resources. */
    public boolean takesTime() {
        return this == HELD || this == CONFIRMED || this == CHECKED_IN;
    }
}
