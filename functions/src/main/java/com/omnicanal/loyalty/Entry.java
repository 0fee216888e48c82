package com.omnicanal.loyalty;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of a member's ledger, never changed once written: what moved between pending and available points, why
 * (its {@link Source}), on which channel and in which store. The balance is the sum of {@code available}, the pending
 * points the sum of {@code pending}.
 */
public record Entry(String id, String customerId, Type type, long pending, long available, Source source, String channel,
                    String storeId, String batchId, String reason, Instant at) {

    public enum Type {
        /** Points for a purchase, pending until its return window closes. */
        EARN,
        /** The pending points of a batch become available. */
        RELEASE,
        /** Points spent for a reward code. */
        REDEEM,
        /** What was left of a batch at its expiry. */
        EXPIRE,
        /** Points taken back for returned lines. */
        REVERSE,
        /** Ops changed the balance, with a reason. */
        ADJUST
    }

    /** Where points came from or went: an order, a store receipt, a return, a reward code, or ops. */
    public record Source(String kind, String id) {
        public Source {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        /** The key a purchase earns under, once. */
        public String key() {
            return kind + "#" + id;
        }
    }
}
