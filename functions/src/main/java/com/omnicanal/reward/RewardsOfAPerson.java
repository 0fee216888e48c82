package com.omnicanal.reward;

import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person's reward codes as the customer capability's merge and erasure see them: a merge hands the merged profile's
 * unused codes to the survivor (a used one stays as it was); an erasure withdraws the unused ones, so nobody (not even
 * staff at the till) uses them, and keeps the used ones under the anonymous id.
 */
public final class RewardsOfAPerson implements CustomerHistory {
    private final RewardHolders holders;

    public RewardsOfAPerson(RewardHolders holders) {
        this.holders = holders;
    }

    @Override
    public int reassign(String from, String to) {
        int moved = 0;
        for (var reward : holders.codesOf(from)) {
            // the conditional write decides: a code used meanwhile, or already passed on, stays as it is
            if (reward.redeemedAt() == null && holders.passOn(reward.code(), from, to)) moved++;
        }
        return moved;
    }

    @Override
    public void anonymise(String customerId, String anonymousId) {
        for (var reward : holders.codesOf(customerId)) holders.disown(reward.code(), customerId, anonymousId);
    }

    @Override
    public List<TimelineEntry> timeline(String customerId, Instant before, int limit) {
        return List.of();
    }

    /** The codes are exported with the feedback partition that points to them. */
    @Override
    public List<Map<String, Object>> export(String customerId) {
        return List.of();
    }
}
