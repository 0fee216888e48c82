package com.omnicanal.loyalty;

import java.time.Instant;
import java.util.List;

/**
 * A sale a store's POS reported: its receipt id (unique across stores), the store, when, the lines with their prices,
 * and the member when the till knew them (by card, phone or email). It earns points, and it can be returned in any store.
 */
public record Receipt(String id, String storeId, Instant soldAt, List<Line> lines, String customerId, Instant recordedAt) {

    public record Line(String sku, int quantity, int unitPriceCents) {
    }

    public Receipt {
        lines = List.copyOf(lines);
    }

    /** The same sale reported again: same store, same lines. */
    public boolean sameSale(Receipt other) {
        return storeId.equals(other.storeId) && lines.equals(other.lines);
    }
}
