package com.omnicanal.stock;

import java.util.List;

/** A store's count of what it has, numbered so a late or replayed feed never overwrites a newer one. */
public record StockFeed(Long feedSequence, List<Line> lines) {
    public static final int MAX_LINES = 1000;
    public static final int MAX_ON_HAND = 1_000_000;

    public record Line(String sku, Integer onHand) {
    }
}
