package com.omnicanal.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: each customer's marketing allowance under {@link MarketingFatigue}. Taking one is a single conditional write,
 * so concurrent dispatchers never let more through than the rules allow; taking it again for the same message (a
 * retry) costs nothing.
 */
public interface MarketingAllowances {
    MarketingAllowances UNLIMITED = (customerId, messageId, now) -> Optional.empty();

    /** Takes one for this message and returns empty, or returns why the customer has had enough marketing for now. */
    Optional<String> take(String customerId, String messageId, Instant now);
}
