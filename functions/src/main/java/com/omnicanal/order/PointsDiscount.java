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
        // used or expired is left to the order's write: the same order sent again with its key is replayed, not refused
        var reward = orders.reward(code).filter(r -> r.owner().equals(customer.id()))
                .orElseThrow(() -> new DomainException.NotFound("no reward code " + code));
        if (reward.points() <= 0 || reward.amountOffCents() <= 0) {
            throw new DomainException.InvalidInput("rewardCode", "is not a code bought with loyalty points");
        }
        if (reward.amountOffCents() > totalCents) {
            throw new DomainException.InvalidInput("rewardCode", "is worth " + reward.amountOffCents()
                    + " cents, more than the order's " + totalCents + ": keep it for a larger order");
        }
        return new Order.Discount(code, reward.points(), (int) reward.amountOffCents());
    }

    /** Why the order's write refused the code: expired, or used (by another order, at the till) meanwhile. */
    static DomainException refused(Orders orders, Actor customer, String typed, Instant now) {
        orders.reward(RewardCode.normalize(typed)).ifPresent(r -> r.usableBy(customer.id(), now));
        return new DomainException.InvalidState("this code was already used");
    }
}
