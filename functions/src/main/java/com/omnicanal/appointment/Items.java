package com.omnicanal.appointment;

import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import java.time.Instant;
import java.util.List;

/** The e-reservations behind an appointment's items to try, as the change that settles them closes them. */
final class Items {
    private Items() {
    }

    /** The holds {@code next} settled one way ({@code outcome}: bought or released) that {@code previous} still held. */
    static List<Reservation> settled(Appointment previous, Appointment next, String outcome, Instant now) {
        return next.items().stream()
                .filter(i -> outcome.equals(i.outcome()))
                .filter(i -> previous.items().stream().anyMatch(p -> p.reservationId().equals(i.reservationId())
                        && Appointment.ItemToTry.HELD.equals(p.outcome())))
                .map(i -> reservation(next, i, Appointment.ItemToTry.BOUGHT.equals(outcome)
                        ? ReservationStatus.COMPLETED : ReservationStatus.CANCELLED, now))
                .toList();
    }

    /** The holds still open, as they stand. */
    static List<Reservation> held(Appointment a, Instant until) {
        return a.items().stream().filter(i -> Appointment.ItemToTry.HELD.equals(i.outcome()))
                .map(i -> new Reservation(i.reservationId(), a.customerId(), i.sku(), i.productName(), a.storeId(),
                        a.storeName(), i.quantity(), ReservationStatus.HELD, a.createdAt(), until, a.updatedAt()))
                .toList();
    }

    private static Reservation reservation(Appointment a, Appointment.ItemToTry item, ReservationStatus status, Instant now) {
        // created with the appointment, in its transaction: the same instant (the store index sorts on it)
        return new Reservation(item.reservationId(), a.customerId(), item.sku(), item.productName(), a.storeId(),
                a.storeName(), item.quantity(), status, a.createdAt(), now, now);
    }
}
