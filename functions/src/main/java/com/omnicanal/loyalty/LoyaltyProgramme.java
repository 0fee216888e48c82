package com.omnicanal.loyalty;

import java.time.Clock;
import java.time.Duration;

/**
 * Loyalty across channels, one class per journey step over the same ledger: the programme ops version, purchases that
 * earn (store receipts, collected orders), returns that take back, points spent for a reward code, ops' adjustments,
 * the sweep (available, expiring, expired), the balance and ledger, and each store's figures.
 */
public record LoyaltyProgramme(ManagingProgramme programme, EarningPoints earning, ReversingPoints reversing,
                               RedeemingPoints redeeming, AdjustingPoints adjusting, SweepingPoints sweeping,
                               ReadingAccounts reading, ReportingStores reporting) {

    public static LoyaltyProgramme of(LoyaltyLedger ledger, RewardCodes codes, Members members, Duration returnWindow,
                                      Clock clock) {
        var programmes = new Programmes(ledger, returnWindow);
        return new LoyaltyProgramme(new ManagingProgramme(ledger, programmes, clock),
                new EarningPoints(ledger, programmes, members, clock), new ReversingPoints(ledger, clock),
                new RedeemingPoints(ledger, programmes, codes, clock), new AdjustingPoints(ledger, clock),
                new SweepingPoints(ledger, programmes, clock), new ReadingAccounts(ledger, programmes, clock),
                new ReportingStores(ledger));
    }
}
