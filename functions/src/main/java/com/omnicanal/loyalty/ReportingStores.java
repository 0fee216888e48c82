package com.omnicanal.loyalty;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Which store owes what: per store and month, the points issued there (earned by its sales), redeemed there, reversed
 * there (returns it received, whoever sold) and expired from its sales; a store's staff see their store's, ops any.
 */
public final class ReportingStores {
    private final LoyaltyLedger ledger;

    ReportingStores(LoyaltyLedger ledger) {
        this.ledger = ledger;
    }

    public record StoreReport(String storeId, String month, long issued, long redeemed, long reversed, long expired,
                              long adjusted) {
    }

    public StoreReport report(Actor actor, String storeId, String month) {
        if (!Reports.WEB.equals(storeId)) actor.requireStore(storeId);
        else if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops read the web's figures");
        YearMonth m;
        try {
            m = YearMonth.parse(month);
        } catch (DateTimeParseException e) {
            throw new DomainException.InvalidInput("month", "as 2026-12");
        }
        Map<String, Long> f = ledger.figures(storeId, m);
        return new StoreReport(storeId, m.toString(), f.getOrDefault(Reports.ISSUED, 0L), f.getOrDefault(Reports.REDEEMED, 0L),
                f.getOrDefault(Reports.REVERSED, 0L), f.getOrDefault(Reports.EXPIRED, 0L), f.getOrDefault(Reports.ADJUSTED, 0L));
    }
}
