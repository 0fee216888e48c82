package com.omnicanal.shared;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Something that happened with a customer in a store, written to the outbox in the same transaction as the change
 * itself, for the capabilities that react to it (feedback schedules a questionnaire). There is one per change: its
 * {@link #subjectId()} names the order, return or reservation it happened to.
 */
public sealed interface BusinessEvent {

    /** The order, return or reservation. */
    String subjectId();

    String customerId();

    /** Where it happened; null for a return received by post at the web warehouse. */
    String storeId();

    Set<String> skus();

    Instant at();

    /** The customer collected a click-and-collect order at its pickup store. */
    record OrderCollected(String orderId, String customerId, String storeId, Set<String> skus, Instant at)
            implements BusinessEvent {
        public OrderCollected {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /** A store (or the web warehouse, by post) received the units of a return. */
    record ReturnReceived(String returnId, String customerId, String storeId, Set<String> skus, Instant at)
            implements BusinessEvent {
        public ReturnReceived {
            Objects.requireNonNull(returnId, "returnId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return returnId;
        }
    }

    /** The customer bought a reserved item in store. */
    record ReservationCompleted(String reservationId, String customerId, String storeId, String sku, Instant at)
            implements BusinessEvent {
        public ReservationCompleted {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(sku, "sku");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String subjectId() {
            return reservationId;
        }

        @Override
        public Set<String> skus() {
            return Set.of(sku);
        }
    }

    /** An advisor completed an appointment with the customer in store (the items they tried are its SKUs). */
    record AppointmentCompleted(String appointmentId, String customerId, String storeId, Set<String> skus, Instant at)
            implements BusinessEvent {
        public AppointmentCompleted {
            Objects.requireNonNull(appointmentId, "appointmentId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return appointmentId;
        }
    }
}
