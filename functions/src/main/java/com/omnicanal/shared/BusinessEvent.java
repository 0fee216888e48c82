package com.omnicanal.shared;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Something that happened with a customer in a store, written to the outbox in the same transaction as the change
 * itself, for the capabilities that react to it (feedback schedules a questionnaire, the KPIs count it). There is one per change: its
 * {@link #subjectId()} names the order, return or reservation it happened to.
 */
public sealed interface BusinessEvent {

    /** The order, return or reservation. */
    String subjectId();

    /** Null for an answer to a questionnaire, points moved, a STOP text and a shipment handed over, which name nobody. */
    String customerId();

    /** Where it happened; null for a return received by post at, or a shipment sent from, the web warehouse. */
    String storeId();

    Set<String> skus();

    Instant at();

    /**
     * A completed sale as the store accounting report credits it: the store and staff member who sold it (both null:
     * sold online) and what the customer paid in money, in euro cents (after a points discount).
     */
    record Sale(String storeId, String staffId, long paidCents) {
        public Sale {
            if (paidCents < 0) throw new IllegalArgumentException("paidCents is negative");
        }
    }

    /**
     * The customer collected a click-and-collect order at its pickup store ({@code storeId}, the place that fulfilled
     * it); {@code sale} is null in events written before it was carried.
     */
    record OrderCollected(String orderId, String customerId, String storeId, Set<String> skus, Instant at, Sale sale)
            implements BusinessEvent {
        public OrderCollected {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        public OrderCollected(String orderId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(orderId, customerId, storeId, skus, at, null);
        }

        /** The store that sold it (as in {@link OrderPlaced}): its sale's seller; null online or without a sale. */
        public String soldAt() {
            return sale == null ? null : sale.storeId();
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /**
     * A store (or the web warehouse, by post) received the units of a return; {@code soldAt} is where the sale was made
     * (null when written before it was carried); the purchase they came from (ORDER or RECEIPT and its id, null when
     * unknown) and the units received per SKU, so loyalty takes back exactly their points.
     */
    record ReturnReceived(String returnId, String customerId, String storeId, Set<String> skus, Instant at, String soldAt,
                          String purchaseKind, String purchaseId, java.util.Map<String, Integer> units)
            implements BusinessEvent {
        public ReturnReceived {
            Objects.requireNonNull(returnId, "returnId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
            units = units == null ? java.util.Map.of() : java.util.Map.copyOf(units);
        }

        public ReturnReceived(String returnId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(returnId, customerId, storeId, skus, at, null);
        }

        public ReturnReceived(String returnId, String customerId, String storeId, Set<String> skus, Instant at,
                              String soldAt) {
            this(returnId, customerId, storeId, skus, at, soldAt, null, null, java.util.Map.of());
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

    /**
     * A click-and-collect order holds its stock at the pickup store; {@code soldAt} is the store that sold it for its
     * customer (the endless aisle), null when placed online (and in events written before it was carried).
     */
    record OrderPlaced(String orderId, String customerId, String storeId, Set<String> skus, Instant at, String soldAt)
            implements BusinessEvent {
        public OrderPlaced {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        /** An order placed online, or one whose event was written before {@code soldAt} was carried. */
        public OrderPlaced(String orderId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(orderId, customerId, storeId, skus, at, null);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /** The pickup store confirmed it has every line; {@code soldAt} as in {@link OrderPlaced}. */
    record OrderAccepted(String orderId, String customerId, String storeId, Set<String> skus, Instant at, String soldAt)
            implements BusinessEvent {
        public OrderAccepted {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        /** An order placed online, or one whose event was written before {@code soldAt} was carried. */
        public OrderAccepted(String orderId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(orderId, customerId, storeId, skus, at, null);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /** The pickup store rejected the order (a line is missing after all); {@code soldAt} as in {@link OrderPlaced}. */
    record OrderRejected(String orderId, String customerId, String storeId, Set<String> skus, Instant at, String soldAt)
            implements BusinessEvent {
        public OrderRejected {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        /** An order placed online, or one whose event was written before {@code soldAt} was carried. */
        public OrderRejected(String orderId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(orderId, customerId, storeId, skus, at, null);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /**
     * The order is prepared and waits for its customer; {@code readyBy} is the time the store promised at placing;
     * {@code soldAt} as in {@link OrderPlaced}.
     */
    record OrderReady(String orderId, String customerId, String storeId, Set<String> skus, Instant placedAt,
                      Instant readyBy, Instant at, String soldAt) implements BusinessEvent {
        public OrderReady {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(placedAt, "placedAt");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        /** An order placed online, or one whose event was written before {@code soldAt} was carried. */
        public OrderReady(String orderId, String customerId, String storeId, Set<String> skus, Instant placedAt,
                          Instant readyBy, Instant at) {
            this(orderId, customerId, storeId, skus, placedAt, readyBy, at, null);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /** A ready order was never collected: its holding period ended; {@code soldAt} as in {@link OrderPlaced}. */
    record OrderExpired(String orderId, String customerId, String storeId, Set<String> skus, Instant at, String soldAt)
            implements BusinessEvent {
        public OrderExpired {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        /** An order placed online, or one whose event was written before {@code soldAt} was carried. */
        public OrderExpired(String orderId, String customerId, String storeId, Set<String> skus, Instant at) {
            this(orderId, customerId, storeId, skus, at, null);
        }

        @Override
        public String subjectId() {
            return orderId;
        }
    }

    /** An e-reservation holds an item in a store (made online). */
    record ReservationHeld(String reservationId, String customerId, String storeId, String sku, Instant at)
            implements BusinessEvent {
        public ReservationHeld {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
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

    /** An e-reservation's hold ended without a purchase. */
    record ReservationExpired(String reservationId, String customerId, String storeId, String sku, Instant at)
            implements BusinessEvent {
        public ReservationExpired {
            Objects.requireNonNull(reservationId, "reservationId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
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

    /**
     * Ops refunded a received return; {@code storeId} received it (null: the web warehouse), {@code soldAt} sold it,
     * {@code receivedAt} is when it was received.
     */
    record ReturnRefunded(String returnId, String customerId, String storeId, Set<String> skus, String soldAt,
                          Instant receivedAt, Instant at) implements BusinessEvent {
        public ReturnRefunded {
            Objects.requireNonNull(returnId, "returnId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(receivedAt, "receivedAt");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return returnId;
        }
    }

    /** The customer did not come to their appointment. */
    record AppointmentMissed(String appointmentId, String customerId, String storeId, Set<String> skus, Instant at)
            implements BusinessEvent {
        public AppointmentMissed {
            Objects.requireNonNull(appointmentId, "appointmentId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(storeId, "storeId");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return appointmentId;
        }
    }

    /**
     * A questionnaire was answered about a store (null: about none): its NPS (0-10) and CSAT (1-5) scores, each null
     * when not asked or not answered. Like the answers themselves, it names no customer.
     */
    record QuestionnaireAnswered(String invitationId, String storeId, Integer nps, Integer csat, Instant at)
            implements BusinessEvent {
        public QuestionnaireAnswered {
            Objects.requireNonNull(invitationId, "invitationId");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String subjectId() {
            return invitationId;
        }

        @Override
        public String customerId() {
            return null;
        }

        @Override
        public Set<String> skus() {
            return Set.of();
        }
    }

    /**
     * Loyalty points moved in a store (null: online or no store) as one ledger posting wrote them: issued for a
     * purchase, redeemed for a reward, reversed for a return or expired. Counted by the KPIs; it names nobody.
     */
    record PointsMoved(String postingId, String storeId, Movement movement, long points, Instant at)
            implements BusinessEvent {
        public enum Movement { ISSUED, REDEEMED, REVERSED, EXPIRED }

        public PointsMoved {
            Objects.requireNonNull(postingId, "postingId");
            Objects.requireNonNull(movement, "movement");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String subjectId() {
            return postingId;
        }

        @Override
        public String customerId() {
            return null;
        }

        @Override
        public Set<String> skus() {
            return Set.of();
        }
    }

    /**
     * A place handed a shipment of a delivery order to the carrier: the sale of its lines is complete. {@code storeId}
     * shipped it (null: the web warehouse); {@code firstOfOrder} when no other shipment of its order left before, so
     * the order counts once, with it. Like a transfer, it names the order, never the customer.
     */
    record ShipmentHandedOver(String shipmentId, String orderId, String storeId, Set<String> skus, Sale sale,
                              boolean firstOfOrder, Instant at) implements BusinessEvent {
        public ShipmentHandedOver {
            Objects.requireNonNull(shipmentId, "shipmentId");
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(sale, "sale");
            Objects.requireNonNull(at, "at");
            skus = Set.copyOf(skus);
        }

        @Override
        public String subjectId() {
            return shipmentId;
        }

        @Override
        public String customerId() {
            return null;
        }
    }

    /** Someone texted STOP (Twilio's inbound {@code messageSid}, applied once): counted by the KPIs; it names nobody. */
    record SmsStopped(String messageSid, Instant at) implements BusinessEvent {
        public SmsStopped {
            Objects.requireNonNull(messageSid, "messageSid");
            Objects.requireNonNull(at, "at");
        }

        @Override
        public String subjectId() {
            return messageSid;
        }

        @Override
        public String customerId() {
            return null;
        }

        @Override
        public String storeId() {
            return null;
        }

        @Override
        public Set<String> skus() {
            return Set.of();
        }
    }
}
