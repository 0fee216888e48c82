package com.omnicanal.loyalty;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.time.Clock;
import java.util.List;

/** A member's balance and tier in one read, and their ledger: theirs, staff's at the till, and ops'. */
public final class ReadingAccounts {
    private final LoyaltyLedger ledger;
    private final Programmes programmes;
    private final Clock clock;

    ReadingAccounts(LoyaltyLedger ledger, Programmes programmes, Clock clock) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.clock = clock;
    }

    /** What the member holds, the tier and what it gives, and how far the next tier is. */
    public record AccountView(String customerId, long available, long pending, long valueCents, String tier,
                              List<String> benefits, long earnedLast12Months, String nextTier, long pointsToNextTier) {
    }

    public AccountView account(Actor actor, String customerId) {
        requireReader(actor, customerId);
        return view(customerId);
    }

    /** For the customer capability (export, staff lookup), the caller already checked. */
    public AccountView view(String customerId) {
        var programme = programmes.current();
        var account = ledger.account(customerId).orElse(Account.empty(customerId));
        long earned = account.earnedLast12Months(EarningPoints.month(clock.instant()));
        var tier = programme.tierFor(earned);
        var next = programme.tiers().stream().filter(t -> t.threshold() > earned)
                .min(java.util.Comparator.comparingInt(Programme.Tier::threshold)).orElse(null);
        return new AccountView(customerId, account.available(), account.pending(), programme.valueCents(account.available()),
                tier.name(), tier.benefits(), earned, next == null ? null : next.name(),
                next == null ? 0 : next.threshold() - earned);
    }

    public Page<Entry> ledger(Actor actor, String customerId, String cursor, int limit) {
        requireReader(actor, customerId);
        return ledger.entries(customerId, cursor, limit);
    }

    private static void requireReader(Actor actor, String customerId) {
        // a customer asking for another's account learns nothing, not even that it exists
        if (actor.isCustomer() && !actor.id().equals(customerId)) throw new DomainException.NotFound("no loyalty account");
    }
}
