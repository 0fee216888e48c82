package com.omnicanal.loyalty;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.Orders;
import java.time.Clock;
import java.time.Duration;

/**
 * Loyalty across channels, one class per journey step over the same ledger: the programme ops version, purchases that
 * earn (store receipts, collected orders, delivered parcels), returns that take back, points spent for a reward code, ops' adjustments,
 * the sweep (available, expiring, expired), the balance and ledger, and each store's figures.
 */
public record LoyaltyProgramme(ManagingProgramme programme, EarningPoints earning, ReversingPoints reversing,
                               RedeemingPoints redeeming, AdjustingPoints adjusting, SweepingPoints sweeping,
                               ReadingAccounts reading, ReportingStores reporting, RecordingSales sales,
                               FollowingPurchases purchases, MemberRecords members) {

    /** The ledger alone (no sales feed, no orders): what the ledger's own tests need. */
    public static LoyaltyProgramme of(LoyaltyLedger ledger, RewardCodes codes, Members members, Duration returnWindow,
                                      Clock clock) {
        return of(null, ledger, null, null, codes, members, returnWindow, clock);
    }

    /** Without delivery orders: their parcels earn nothing here. */
    public static LoyaltyProgramme of(Catalog catalog, LoyaltyLedger ledger, SalesLedger sales, Orders orders,
                                      RewardCodes codes, Members members, Duration returnWindow, Clock clock) {
        return of(catalog, ledger, sales, orders, null, codes, members, returnWindow, clock);
    }

    /** {@code deliveries}: the delivery orders whose parcels earn when they leave (routing's port). */
    public static LoyaltyProgramme of(Catalog catalog, LoyaltyLedger ledger, SalesLedger sales, Orders orders,
                                      com.omnicanal.routing.Deliveries deliveries, RewardCodes codes, Members members,
                                      Duration returnWindow, Clock clock) {
        var programmes = new Programmes(ledger, returnWindow);
        var earning = new EarningPoints(ledger, programmes, members, clock);
        var reversing = new ReversingPoints(ledger, clock);
        var reading = new ReadingAccounts(ledger, programmes, clock);
        return new LoyaltyProgramme(new ManagingProgramme(ledger, programmes, clock), earning, reversing,
                new RedeemingPoints(ledger, programmes, codes, clock), new AdjustingPoints(ledger, clock),
                new SweepingPoints(ledger, programmes, clock), reading,
                new ReportingStores(ledger), new RecordingSales(catalog, sales, members, earning, clock),
                new FollowingPurchases(catalog, orders, deliveries, earning, reversing), new MemberRecords(ledger, reading));
    }
}
