package com.omnicanal.order;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: orders, the stock they hold, their pickup codes, messages and payment commands, changed together. */
public interface Orders {

    /** What a change does to the stock of each line, at the place the line is held. */
    enum StockEffect { NONE, HOLD, RELEASE, SELL }

    /** A payment instruction, written with the change and carried out later (the outbox rule applies to the PSP too). */
    record PaymentCommand(String orderId, String action, String authorization, int amountCents) {
    }

    /**
     * One transaction: {@code next} replaces the order if it is still in {@code expected} (null: creates it, unless
     * its customer was erased) and still belongs to {@code next}'s customer (a change read before a merge or an
     * erasure moved it does not undo that), with the stock effect on every line, the pickup code claimed or freed, the
     * messages, the payment command, the idempotency claim, for a reminder a check that it was not sent before, and
     * the business event it is (an order collected) in the outbox; the transfers it requests (their lines held at
     * their sources, keeping each source's safety stock). Lines in transit are left alone by any stock effect, and
     * a release cancels the transfers whose lines are still held at their sources. A transfer requested counts
     * against its source's daily capacity and as offered to it (the one place-load count shipments feed too).
     */
    record Change(Order next, OrderStatus expected, StockEffect stock, String claimCode, String releaseCode,
                  List<OutboxMessage> messages, PaymentCommand payment, IdempotencyClaim idempotency, String reminder,
                  BusinessEvent event, List<Transfer> transfers, Transfer refused) {
        public static Change of(Order next, OrderStatus expected) {
            return new Change(next, expected, StockEffect.NONE, null, null, List.of(), null, null, null, null, List.of(), null);
        }

        /**
         * The transfer its source refused (REQUESTED before): written REFUSED, its units released at the source and
         * counted as that place's rejection; the stock effect and the cancellations leave its lines alone, and a
         * transfer requested with no stock effect holds its own lines at its source.
         */
        public Change refused(Transfer transfer) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, payment, idempotency, reminder, event,
                    transfers, transfer);
        }

        /** Transfers requested with the change: written with it, their lines held at their sources. */
        public Change transfers(List<Transfer> requested) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, payment, idempotency, reminder, event,
                    List.copyOf(requested), refused);
        }

        public Change stock(StockEffect effect) {
            return new Change(next, expected, effect, claimCode, releaseCode, messages, payment, idempotency, reminder, event, transfers, refused);
        }

        public Change claimCode(String code) {
            return new Change(next, expected, stock, code, releaseCode, messages, payment, idempotency, reminder, event, transfers, refused);
        }

        public Change releaseCode(String code) {
            return new Change(next, expected, stock, claimCode, code, messages, payment, idempotency, reminder, event, transfers, refused);
        }

        public Change message(OutboxMessage message) {
            var all = new java.util.ArrayList<>(messages);
            all.add(message);
            return new Change(next, expected, stock, claimCode, releaseCode, all, payment, idempotency, reminder, event, transfers, refused);
        }

        public Change payment(PaymentCommand command) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, command, idempotency, reminder, event, transfers, refused);
        }

        public Change idempotency(IdempotencyClaim claim) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, payment, claim, reminder, event, transfers, refused);
        }

        public Change reminder(String name) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, payment, idempotency, name, event, transfers, refused);
        }

        public Change event(BusinessEvent happened) {
            return new Change(next, expected, stock, claimCode, releaseCode, messages, payment, idempotency, reminder,
                    happened, transfers, refused);
        }

        /** The points code paying part of the order, used by the write that creates the order (placement). */
        public String redeemsReward() {
            return expected == null && next.discount() != null ? next.discount().code() : null;
        }

        /**
         * The points code given back, usable again, by the write that ends the order unpaid (cancelled, rejected,
         * expired): that move happens once (the status condition), so the code comes back once.
         */
        public String givesBackReward() {
            return expected != null && expected.isOpen() && next.discount() != null && !next.status().isOpen()
                    && next.status() != OrderStatus.COLLECTED ? next.discount().code() : null;
        }
    }

    sealed interface Outcome {
        record Applied() implements Outcome {
        }

        /** The order was not in the expected state any more (someone else moved it first), or the reminder went. */
        record Conflict() implements Outcome {
        }

        record NotEnoughStock(String sku) implements Outcome {
        }

        record CodeTaken() implements Outcome {
        }

        record Replayed(Order order) implements Outcome {
        }

        record KeyReused() implements Outcome {
        }

        /** The points code was used meanwhile (by another order, at the till), or is no longer the customer's. */
        record RewardUsed() implements Outcome {
        }

        /** A transfer's source had its day's capacity meanwhile (its count is conditional). */
        record AtCapacity() implements Outcome {
        }

        /** The order's customer was erased: nothing more is written under that id. */
        record CustomerErased() implements Outcome {
        }
    }

    Outcome apply(Change change);

    /**
     * The answer already given under this claim's key ({@link Outcome.Replayed}, or {@link Outcome.KeyReused} when it
     * came with another request), or null when the key is free: for a step that finds its effect no longer possible.
     */
    Outcome earlier(IdempotencyClaim claim);

    Optional<Order> find(String id);

    /** A reward code as stored (the one reward-code mechanism), to check it before the write that uses it. */
    Optional<com.omnicanal.reward.RewardCode> reward(String code);

    /** A try at an order's pickup code, counted before the code is compared (never compared, then counted). */
    sealed interface CodeTry {
        /** The try is counted: compare the code typed with this order's. */
        record Counted(Order order) implements CodeTry {
        }

        /** No try left (the order is locked), or the order no longer waits for its customer: compare nothing. */
        record Refused(Order order) implements CodeTry {
        }
    }

    /**
     * Counts one more try at the pickup code of a ready order if fewer than {@code limit} were counted, in one
     * conditional write; the try that reaches the limit locks the order in that same write.
     */
    CodeTry countCodeTry(String orderId, int limit);

    /** Clears the count of tries at the pickup code and the lock. */
    boolean unlock(Order order);

    Page<Order> byCustomer(String customerId, String cursor, int limit);

    /** A store's orders, oldest first. */
    Page<Order> byStore(String storeId, Optional<OrderStatus> status, String cursor, int limit);

    /** Orders waiting to be collected, soonest expiry first. */
    List<Order> ready(int limit);

    List<PaymentCommand> pendingPayments(int limit);

    void paymentDone(PaymentCommand command, Instant at);
}
