package com.omnicanal.loyalty;

/** Port: new single-use reward codes (the one reward-code mechanism feedback's thanks use too). */
public interface RewardCodes {
    String newCode();
}
