package com.omnicanal.routing;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.IdempotencyClaim;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: delivery orders, their shipments and routing decisions, with the stock they hold, changed together. */
public interface Deliveries {

    /** A shipment offered to a place: its lines held there above {@code safetyStock}, one of the place's day's {@code capacity}. */
    record Allocation(Shipment shipment, int safetyStock, int capacity) {
    }

    /** A routing decision as kept for ops: when, on what occasion (the order placed, a place's rejection), and what. */
    record StoredDecision(String orderId, int sequence, Instant at, String occasion, RoutingDecision decision) {
    }

    /**
     * One transaction: the order written ({@code expectedStatus} null: created, unless its customer was erased; else
     * only if still in that status), each allocation's shipment written, its lines held (never below the place's safety
     * stock) and the place's day counted (never above its capacity), the rejected shipment (if any) closed and its
     * units released, the decision kept, the messages and the idempotency claim; a new order's points code used (only
     * while unused, unexpired and its customer's), or {@code givesBackReward} given back (only that order's use).
     */
    record Change(DeliveryOrder order, DeliveryOrder.Status expectedStatus, List<Allocation> allocations,
                  Shipment rejected, Shipment.Status rejectedWas, StoredDecision decision, LocalDate day,
                  List<OutboxMessage> messages, IdempotencyClaim idempotency, String givesBackReward) {
        public Change {
            allocations = List.copyOf(allocations);
            messages = List.copyOf(messages);
        }

        /** A change that neither uses nor gives back a points code. */
        public Change(DeliveryOrder order, DeliveryOrder.Status expectedStatus, List<Allocation> allocations,
                      Shipment rejected, Shipment.Status rejectedWas, StoredDecision decision, LocalDate day,
                      List<OutboxMessage> messages, IdempotencyClaim idempotency) {
            this(order, expectedStatus, allocations, rejected, rejectedWas, decision, day, messages, idempotency, null);
        }

        /** The points code paying part of the order, used by the write that creates it. */
        public String redeemsReward() {
            return expectedStatus == null && order.discount() != null ? order.discount().code() : null;
        }
    }

    sealed interface Outcome {
        record Applied() implements Outcome {
        }

        /** Stock or a place's capacity went to another order meanwhile (or the order moved): route again. */
        record Contended() implements Outcome {
        }

        record Replayed(DeliveryOrder order) implements Outcome {
        }

        record KeyReused() implements Outcome {
        }

        record CustomerErased() implements Outcome {
        }

        /** The points code was used meanwhile (by another order, at the till), or is no longer the customer's. */
        record RewardUsed() implements Outcome {
        }
    }

    Outcome apply(Change change);

    /**
     * A change of one shipment alone (a step in its place's queue) with its messages; on hand-over its units leave the
     * stock ({@code sell}) and its share of the payment is captured on {@code captureAuthorization}. False if it moved
     * meanwhile.
     */
    boolean advance(Shipment next, Shipment.Status expected, List<OutboxMessage> messages, boolean sell,
                    String captureAuthorization);

    /**
     * The hand-over, as {@link #advance} with the units sold and the share captured, and the sale's business event in
     * the same transaction; when the event is its order's first, the order is marked so in it too, refused (false) if
     * another shipment of the order marked it meanwhile.
     */
    boolean handOver(Shipment next, List<OutboxMessage> messages, String captureAuthorization,
                     BusinessEvent.ShipmentHandedOver event);

    /** A live shipment closed with its cancelled order, written over the status it was read in. */
    record CancelledShipment(Shipment next, Shipment.Status was) {
    }

    /**
     * An order cancelled before any parcel was picked, in one transaction: the order (only if still in
     * {@code expectedStatus}, with the routing decisions and the customer as read), each live shipment moved over its
     * status as read with its units released as a rejection releases them, {@code givesBackReward} given back (only
     * that order's use), the card's authorization voided by the order sweeper, and the messages.
     */
    record Cancellation(DeliveryOrder order, DeliveryOrder.Status expectedStatus, List<CancelledShipment> shipments,
                        List<OutboxMessage> messages, String givesBackReward) {
        public Cancellation {
            shipments = List.copyOf(shipments);
            messages = List.copyOf(messages);
        }
    }

    /** False, and nothing written, when the order or one of its shipments moved meanwhile. */
    boolean cancel(Cancellation cancellation);

    /** Whether a shipment of this order was handed to the carrier already. */
    boolean handedOverBefore(String orderId);

    Optional<DeliveryOrder> find(String id);

    /** A reward code as stored (the one reward-code mechanism), to check it before the write that uses it. */
    Optional<com.omnicanal.reward.RewardCode> reward(String code);

    /** A customer's delivery orders, newest first, a page at a time. */
    com.omnicanal.shared.Page<DeliveryOrder> byCustomer(String customerId, String cursor, int limit);

    /** The shipments of several orders, in one read of them all. */
    Map<String, List<Shipment>> shipmentsOf(Collection<DeliveryOrder> orders);

    List<Shipment> shipments(String orderId);

    Optional<Shipment> shipment(String id);

    /** A place's shipments in that status, oldest first. */
    List<Shipment> queue(String locationId, Shipment.Status status, int limit);

    List<StoredDecision> decisions(String orderId);

    /** What each place did lately: shipments given today, and its rejection rate this calendar month and the last. */
    record Load(int shipmentsToday, double rejectionRate) {
        public static final Load NONE = new Load(0, 0.0);
    }

    Map<String, Load> loads(Collection<String> locations, LocalDate day);
}
