package com.omnicanal.reward;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * A reward code is used once, whatever gave it (thanks for an answer, points spent): by its owner online, or by staff
 * at the till (who checked who is in front of them).
 */
public final class RedeemingRewards {
    private final RewardStore store;
    private final Clock clock;

    public RedeemingRewards(RewardStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public RewardCode redeem(Actor actor, String typed) {
        var code = RewardCode.normalize(typed);
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var reward = store.reward(code).orElseThrow(() -> new DomainException.NotFound("no reward code " + code))
                .usableBy(actor.isCustomer() ? actor.id() : null, now);
        if (!store.redeem(code, actor.isCustomer() ? actor.id() : null, now)) {
            throw new DomainException.InvalidState("this code was already used");
        }
        return reward.redeemed(now);
    }
}
