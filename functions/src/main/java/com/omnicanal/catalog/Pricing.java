package com.omnicanal.catalog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a product costs: one price on every channel, a channel's own price where it has one, and scheduled changes (a
 * sale) that take over while they are in force. Prices are in cents of {@code currency}.
 */
public record Pricing(String currency, int priceCents, Map<SalesChannel, Integer> channelPrices, List<PriceChange> changes) {
    public static final int MAX_CENTS = 100_000_000;
    public static final int MAX_CHANGES = 50;

    public Pricing {
        channelPrices = channelPrices == null || channelPrices.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new EnumMap<>(channelPrices));
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static Pricing of(String currency, int priceCents) {
        return new Pricing(currency, priceCents, Map.of(), List.of());
    }

    /** The channel's price without any sale. */
    public int regular(SalesChannel channel) {
        return channelPrices.getOrDefault(channel, priceCents);
    }

    /**
     * The price in force at {@code at} on {@code channel}, where local time is {@code zone}'s: of the changes in force
     * there and then, the one that started last (on a tie, the one listed last); else the channel's regular price.
     */
    public int inForce(Instant at, SalesChannel channel, ZoneId zone) {
        PriceChange chosen = null;
        Instant chosenStart = null;
        for (var change : changes) {
            if (!change.appliesTo(channel) || !change.inForce(at, zone)) continue;
            var start = change.start(zone);
            if (chosen == null || !start.isBefore(chosenStart)) {
                chosen = change;
                chosenStart = start;
            }
        }
        return chosen == null ? regular(channel) : chosen.priceCents();
    }

    /** What is wrong with it; empty when it is a valid pricing. */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        if (!"EUR".equals(currency)) problems.add("currency must be EUR");
        if (priceCents < 0 || priceCents > MAX_CENTS) problems.add("priceCents is between 0 and " + MAX_CENTS);
        channelPrices.forEach((channel, cents) -> {
            if (cents == null || cents < 0 || cents > MAX_CENTS) {
                problems.add("channelPrices." + channel + " is between 0 and " + MAX_CENTS);
            }
        });
        if (changes.size() > MAX_CHANGES) problems.add("priceChanges holds at most " + MAX_CHANGES + " changes");
        for (int i = 0; i < changes.size() && i < MAX_CHANGES; i++) problems.addAll(changes.get(i).problems("priceChanges[" + i + "]"));
        return problems;
    }
}
