package com.omnicanal.loyalty;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * A purchase earns points once, on any channel: per line, at the programme's rate for its channel and category and on
 * what was paid in money, with the bonus rules; they stay pending for the return window (a return in it takes them
 * back before they could be spent), then the sweep makes them available.
 */
public final class EarningPoints {
    private final LoyaltyLedger ledger;
    private final Programmes programmes;
    private final Members members;
    private final Clock clock;

    EarningPoints(LoyaltyLedger ledger, Programmes programmes, Members members, Clock clock) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.members = members;
        this.clock = clock;
    }

    /** The purchase's batch: new, or the one it earned already (a sale reported twice earns once); empty if it earns nothing. */
    public Optional<Batch> earn(Purchase purchase) {
        var programme = programmes.current();
        var birthMonth = members.birthMonth(purchase.customerId()).orElse(null);
        return Postings.write(ledger, () -> {
            var existing = ledger.batch(purchase.customerId(), purchase.source().key());
            if (existing.isPresent()) return new Postings.Attempt<>(null, existing, () -> existing);
            var account = ledger.account(purchase.customerId()).orElse(Account.empty(purchase.customerId()));
            var lines = new LinkedHashMap<String, Batch.Line>();
            for (var line : purchase.lines()) {
                long points = programme.points(purchase.channel(), line.category(), line.paidCents(), purchase.at(), birthMonth);
                lines.merge(line.sku(), new Batch.Line(line.quantity(), points, 0),
                        (a, b) -> new Batch.Line(a.quantity() + b.quantity(), a.points() + b.points(), 0));
            }
            long total = lines.values().stream().mapToLong(Batch.Line::points).sum();
            if (total > 0 && account.purchases() == 0 && programme.firstPurchaseBonus() > 0) {
                // a bonus line no return names: the first purchase earned it, whatever comes back
                lines.put(FIRST_PURCHASE, new Batch.Line(1, programme.firstPurchaseBonus(), 0));
                total += programme.firstPurchaseBonus();
            }
            if (total <= 0) return new Postings.Attempt<>(null, Optional.<Batch>empty(), Optional::empty);
            var now = clock.instant();
            var availableAt = purchase.at().plus(programme.pendingPeriod());
            var batch = new Batch(purchase.source().key(), purchase.customerId(), Batch.Status.PENDING, purchase.source(),
                    purchase.channel(), purchase.storeId(), purchase.at(), availableAt, availableAt.plus(programme.expiry()),
                    total, lines, 0, false, programme.version(), 0);
            var entry = new Entry(Postings.entryId(), purchase.customerId(), Entry.Type.EARN, total, 0, purchase.source(),
                    purchase.channel(), purchase.storeId(), batch.id(), null, now);
            var posting = new Posting(purchase.customerId(), List.of(entry),
                    new Posting.Change(0, total, 0, 0, null, 0, 1, null, account.version()),
                    List.of(new Posting.BatchWrite(batch, null)), null,
                    List.of(new Posting.StoreFigure(Reports.store(purchase.storeId()), month(purchase.at()), Reports.ISSUED, total)),
                    List.of(), null, null);
            return new Postings.Attempt<>(posting, Optional.of(batch),
                    () -> ledger.batch(purchase.customerId(), purchase.source().key()));
        }, () -> new IllegalStateException("earning never debits"));
    }

    static final String FIRST_PURCHASE = "*first-purchase";

    static YearMonth month(java.time.Instant at) {
        return YearMonth.from(at.atZone(ZoneOffset.UTC));
    }
}
