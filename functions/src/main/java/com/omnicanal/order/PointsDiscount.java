package com.omnicanal.order;

import com.omnicanal.reward.RewardCode;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Instant;

/**
 * A points reward code paying part of an order: checked here for a clear answer (someone else's, not bought with
 * points, worth more than the order), then used by the order's own write, whose condition decides (unused, unexpired,
 * theirs); a refusal there is then told as used or expired.
 */
final class PointsDiscount {
    private PointsDiscount() {
    }

    /** The discount the code gives on an order of {@code totalCents}; null without a code. */
    static Order.Discount of(Orders orders, Actor customer, String typed, int totalCents, Instant now) {
        if (typed == null || typed.isBlank()) return null;
        var code = RewardCode.normalize(typed);
        var reward = orders.reward(code).orElseThrow(() -> new DomainException.NotFound("no reward code " + code));
        return new Order.Discount(code, reward.points(), reward.amountOffOrder(customer.id(), totalCents));
    }

    /** Why the order's write refused the code: expired, or used (by another order, at the till) meanwhile. */
    static DomainException refused(Orders orders, Actor customer, String typed, Instant now) {
        return orders.reward(RewardCode.normalize(typed)).map(r -> r.refusedToOrder(customer.id(), now))
                .orElseGet(() -> new DomainException.InvalidState("this code was already used"));
    }
}
