package com.omnicanal.loyalty;

import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A return takes back the points of exactly the lines returned, pro rata per unit, once per return (it may be received
 * twice): from the pending points while the batch is pending, else from the balance, never below zero (what was already
 * spent is noted on the entry, not owed). Points spent on the purchase are not taken twice: only what it earned goes.
 */
public final class ReversingPoints {
    private final LoyaltyLedger ledger;
    private final Clock clock;

    ReversingPoints(LoyaltyLedger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Units returned per SKU of a purchase, by a return received in a store (null: the web warehouse). */
    public record ReturnedLines(String returnId, String customerId, Entry.Source purchase, String storeId,
                                Map<String, Integer> units) {
        public ReturnedLines {
            Objects.requireNonNull(returnId, "returnId");
            Objects.requireNonNull(customerId, "customerId");
            Objects.requireNonNull(purchase, "purchase");
            units = Map.copyOf(units);
        }
    }

    /** The points taken back (0 when the purchase earned none, or this return was already taken into account). */
    public long reverse(ReturnedLines returned) {
        return Postings.write(ledger, () -> {
            var batch = ledger.batch(returned.customerId(), returned.purchase().key()).orElse(null);
            if (batch == null) return new Postings.Attempt<>(null, 0L, () -> 0L);
            var account = ledger.account(returned.customerId()).orElse(Account.empty(returned.customerId()));
            var lines = new HashMap<>(batch.lines());
            long points = 0;
            for (var e : returned.units().entrySet()) {
                var line = lines.get(e.getKey());
                if (line == null || e.getValue() <= 0) continue;
                int units = Math.min(e.getValue(), line.quantity() - line.returned());
                points += line.reversal(units);
                lines.put(e.getKey(), new Batch.Line(line.quantity(), line.points(), line.returned() + units));
            }
            var now = clock.instant();
            var source = new Entry.Source("RETURN", returned.returnId());
            boolean pending = batch.status() == Batch.Status.PENDING;
            long taken = pending ? points : Math.min(points, account.available());
            var next = batch.with(batch.status(), pending ? batch.points() - points : batch.points(), lines,
                    batch.creditedThrough(), batch.warned());
            var entry = new Entry(Postings.entryId(), returned.customerId(), Entry.Type.REVERSE, pending ? -taken : 0,
                    pending ? 0 : -taken, source, batch.channel(), returned.storeId(), batch.id(),
                    taken < points ? (points - taken) + " points already spent" : null, now);
            var change = pending ? new Posting.Change(0, -taken, 0, 0, null, 0, 0, null, account.version())
                    : new Posting.Change(-taken, 0, 0, taken, null, 0, 0, null, account.version());
            var figures = taken == 0 ? List.<Posting.StoreFigure>of() : List.of(new Posting.StoreFigure(
                    Reports.store(returned.storeId()), EarningPoints.month(now), Reports.REVERSED, taken));
            var posting = new Posting(returned.customerId(), taken == 0 ? List.of() : List.of(entry), change,
                    List.of(new Posting.BatchWrite(next, batch.version())), "REVERSE#" + returned.returnId() + "#" + batch.id(),
                    figures, List.of(), null, null);
            return new Postings.Attempt<>(posting, taken, () -> 0L);
        }, () -> new DomainException.InvalidState("the balance changed meanwhile"));
    }
}
