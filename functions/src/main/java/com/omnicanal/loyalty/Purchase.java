package com.omnicanal.loyalty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A purchase that earns: a store receipt or a collected order, its member, channel (STORE, WEB, PHONE), store and
 * lines with what was paid for them in money (a part paid with points earns nothing).
 */
public record Purchase(String customerId, Entry.Source source, String channel, String storeId, Instant at, List<Line> lines) {

    public record Line(String sku, String category, int quantity, long paidCents) {
    }

    public Purchase {
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
    }
}
