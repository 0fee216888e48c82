package com.omnicanal.loyalty;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A store's POS reports a sale, once per receipt id (a till that retries reports it again: the same answer): the
 * receipt is kept so it can be returned in any store, and when the till named the member it earns their points.
 */
public final class RecordingSales {
    private final Catalog catalog;
    private final SalesLedger sales;
    private final Members members;
    private final EarningPoints earning;
    private final Clock clock;

    RecordingSales(Catalog catalog, SalesLedger sales, Members members, EarningPoints earning, Clock clock) {
        this.catalog = catalog;
        this.sales = sales;
        this.members = members;
        this.earning = earning;
        this.clock = clock;
    }

    /** What the till sends; {@code soldAt} null: now. */
    public record SaleReport(String receiptId, Instant soldAt, List<Receipt.Line> lines, String card, String phone,
                             String email) {
    }

    /** The receipt, the points it earned (pending for the return window), and whether this was a repeat. */
    public record Recorded(Receipt receipt, long pointsPending, String availableOn, boolean replayed) {
    }

    public Recorded record(Actor actor, String storeId, SaleReport report) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        var problems = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < report.lines().size(); i++) {
            if (catalog.product(report.lines().get(i).sku()).isEmpty()) {
                problems.add(new DomainException.Violation("lines[" + i + "].sku", "is not in the catalogue"));
            }
        }
        if (!problems.isEmpty()) throw new DomainException.InvalidInput(problems);
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        var soldAt = report.soldAt() == null ? now : report.soldAt();
        if (soldAt.isAfter(now.plus(5, ChronoUnit.MINUTES))) throw new DomainException.InvalidInput("soldAt", "is in the future");
        var customer = report.card() == null && report.phone() == null && report.email() == null ? null
                : members.find(report.card(), report.phone(), report.email()).orElse(null);
        var receipt = new Receipt(report.receiptId(), storeId, soldAt, report.lines(), customer, now);
        var stored = sales.record(receipt);
        boolean replayed = stored.isPresent();
        var kept = stored.orElse(receipt);
        if (replayed && !kept.sameSale(receipt)) {
            throw new DomainException.InvalidState("receipt " + receipt.id() + " was reported with other lines or by another store");
        }
        if (kept.customerId() == null) return new Recorded(kept, 0, null, replayed);
        // earning is idempotent per receipt: a till's retry after a failure here earns what the first try did not
        var batch = earning.earn(purchase(kept));
        return new Recorded(kept, batch.map(Batch::points).orElse(0L),
                batch.map(b -> b.availableAt().toString()).orElse(null), replayed);
    }

    Purchase purchase(Receipt receipt) {
        var lines = receipt.lines().stream().map(l -> new Purchase.Line(l.sku(),
                catalog.product(l.sku()).map(com.omnicanal.catalog.Product::category).orElse(null), l.quantity(),
                (long) l.quantity() * l.unitPriceCents())).toList();
        return new Purchase(receipt.customerId(), new Entry.Source("RECEIPT", receipt.id()), "STORE", receipt.storeId(),
                receipt.soldAt(), lines);
    }
}
