package com.omnicanal.reward;

import java.util.List;

/** Port: whose reward codes are whose, as a merge and an erasure change it. */
public interface RewardHolders {
    /** The codes given to {@code customerId}, used or not. */
    List<RewardCode> codesOf(String customerId);

    /** The unused code of {@code from} becomes {@code to}'s; false if it was used or is no longer {@code from}'s. */
    boolean passOn(String code, String from, String to);

    /** The erased {@code from}'s code: withdrawn while unused, a used one kept under {@code anonymousId}. */
    void disown(String code, String from, String anonymousId);
}
