package com.omnicanal.testing.memory;

import com.omnicanal.messaging.MarketingAllowances;
import com.omnicanal.messaging.MarketingFatigue;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The marketing allowances in memory: the same rules, taken atomically under a lock as the conditional write does. */
public final class InMemoryMarketingAllowances implements MarketingAllowances {
    private final MarketingFatigue rules;
    private final Map<String, Map<String, Instant>> sends = new HashMap<>();

    public InMemoryMarketingAllowances(MarketingFatigue rules) {
        this.rules = rules;
    }

    @Override
    public synchronized Optional<String> take(String customerId, String messageId, Instant now) {
        var theirs = sends.computeIfAbsent(customerId, c -> new LinkedHashMap<>());
        if (theirs.containsKey(messageId)) return Optional.empty();
        var refusal = rules.refusal(theirs.values(), now);
        if (refusal.isPresent()) return refusal;
        theirs.values().removeIf(at -> !rules.stillCounts(at, now));
        theirs.put(messageId, now);
        return Optional.empty();
    }
}
