package com.omnicanal.reservation;

import com.omnicanal.shared.DomainException;
import java.time.Instant;

/** Units of one SKU set aside in a store for a customer, who tries and pays in store. */
public record Reservation(String id, String customerId, String sku, String productName, String storeId,
                          String storeName, int quantity, ReservationStatus status, Instant createdAt,
                          Instant expiresAt, Instant updatedAt) {

    public Reservation cancel(Instant now) {
        return moveTo(ReservationStatus.CANCELLED, now);
    }

    public Reservation complete(Instant now) {
        return moveTo(ReservationStatus.COMPLETED, now);
    }

    public Reservation expire(Instant now) {
        if (now.isBefore(expiresAt)) {
            throw new DomainException.InvalidState("reservation " + id + " is held until " + expiresAt);
        }
        return moveTo(ReservationStatus.EXPIRED, now);
    }

    /** Only a held reservation moves, and only once: every later state is final. */
    private Reservation moveTo(ReservationStatus next, Instant now) {
        if (!status.isOpen()) {
            throw new DomainException.InvalidState("reservation " + id + " is " + status + ", it cannot become " + next);
        }
        return new Reservation(id, customerId, sku, productName, storeId, storeName, quantity, next, createdAt,
                expiresAt, now);
    }
}
