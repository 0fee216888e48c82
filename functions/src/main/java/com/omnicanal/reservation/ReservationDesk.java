package com.omnicanal.reservation;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;

/**
 * What other capabilities ask of reservations (returns: an exchange's replacement, a receipt). With the records of
 * this package it is reservation's public API: no other capability depends on ReservationService itself.
 */
public interface ReservationDesk {

    /** A new hold with the confirmation it sends, for another capability to write in its own transaction. */
    record Hold(Reservation reservation, OutboxMessage confirmation) {
    }

    /** Held for the deployed hold period and confirmed by the same message as any reservation; not written yet. */
    Hold replacement(String customerId, String sku, String storeId, int quantity);

    /**
     * Units held at a store for the customer to try at their appointment, from {@code from} until {@code until}; not
     * written (the appointment's transaction writes it, with its stock hold) and with no message of its own: the
     * appointment's messages name the items.
     */
    Reservation forAppointment(String customerId, String sku, String storeId, int quantity, java.time.Instant from,
                               java.time.Instant until);

    /** The reservation as this caller may read it (a customer their own, staff their store's), else NotFound. */
    Reservation get(Actor actor, String id);
}
