package com.omnicanal.reward;

import java.time.Instant;
import java.util.Optional;

/** Port: the reward codes, whoever gave them (feedback's thanks, points spent). */
public interface RewardStore {
    Optional<RewardCode> reward(String code);

    /** Marks the code used, only while unused, unexpired and (when {@code customerId} is given) theirs. */
    boolean redeem(String code, String customerId, Instant now);
}
