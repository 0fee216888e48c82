package com.omnicanal.loyalty;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schedule's work on batches, each step due at its time: pending points become available once the return window
 * closed (the member is told, and told a new tier); 30 days before a batch expires the member is told what of it is
 * left; at expiry what is left goes. What is left of a batch is what debits, taken oldest batch first, did not reach.
 */
public final class SweepingPoints {
    public static final String POINTS_AVAILABLE = "loyalty_points_available";
    public static final String TIER_REACHED = "loyalty_tier_reached";
    public static final String POINTS_EXPIRING = "loyalty_points_expiring";
    static final Duration WARNING = Duration.ofDays(30);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneOffset.UTC);
    private static final int BATCH = 100;

    private final LoyaltyLedger ledger;
    private final Programmes programmes;
    private final Clock clock;

    SweepingPoints(LoyaltyLedger ledger, Programmes programmes, Clock clock) {
        this.ledger = ledger;
        this.programmes = programmes;
        this.clock = clock;
    }

    /** What one run did. */
    public record Sweep(int released, int warned, int expired) {
    }

    public Sweep sweep() {
        int released = 0, warned = 0, expired = 0;
        var now = clock.instant();
        // ties in time go in the order the points became available (oldest first), else in the order they were earned
        var due = ledger.due(now, BATCH).stream().sorted(java.util.Comparator.comparing((Batch b) -> b.dueAt(WARNING))
                .thenComparingLong(Batch::creditedThrough).thenComparing(Batch::earnedAt).thenComparing(Batch::id)).toList();
        for (var batch : due) {
            var step = step(batch.customerId(), batch.id());
            switch (step) {
                case RELEASED -> released++;
                case WARNED -> warned++;
                case EXPIRED -> expired++;
                case NOTHING -> { }
            }
        }
        return new Sweep(released, warned, expired);
    }

    enum Step { RELEASED, WARNED, EXPIRED, NOTHING }

    /** The one step due on this batch now, from a fresh read (another run may have done it). */
    Step step(String customerId, String batchId) {
        var programme = programmes.current();
        return Postings.write(ledger, () -> {
            var now = clock.instant();
            var batch = ledger.batch(customerId, batchId).orElse(null);
            var dueAt = batch == null ? null : batch.dueAt(WARNING);
            if (dueAt == null || dueAt.isAfter(now)) return new Postings.Attempt<>(null, Step.NOTHING, () -> Step.NOTHING);
            var account = ledger.account(customerId).orElse(Account.empty(customerId));
            return switch (batch.status()) {
                case PENDING -> release(programme, batch, account, now);
                case AVAILABLE -> batch.warned() ? expire(batch, account, now) : warn(batch, account, now);
                case CLOSED -> new Postings.Attempt<>(null, Step.NOTHING, () -> Step.NOTHING);
            };
        }, () -> new IllegalStateException("a sweep step never overdraws"));
    }

    private Postings.Attempt<Step> release(Programme programme, Batch batch, Account account, java.time.Instant now) {
        if (batch.points() == 0) {
            // everything came back in the return window: nothing to make available
            var closed = batch.with(Batch.Status.CLOSED, 0, batch.lines(), account.credited(), true);
            return new Postings.Attempt<>(new Posting(batch.customerId(), List.of(), change(0, 0, 0, null, account), 
                    List.of(new Posting.BatchWrite(closed, batch.version())), null, List.of(), List.of(), null, null),
                    Step.NOTHING, () -> Step.NOTHING);
        }
        long points = batch.points();
        var month = EarningPoints.month(now);
        var before = programme.tierFor(account.earnedLast12Months(month));
        var after = programme.tierFor(account.earnedLast12Months(month) + points);
        var released = batch.with(Batch.Status.AVAILABLE, points, batch.lines(), account.credited() + points, false);
        var entry = new Entry(Postings.entryId(), batch.customerId(), Entry.Type.RELEASE, -points, points, batch.source(),
                batch.channel(), batch.storeId(), batch.id(), null, now);
        var messages = new ArrayList<com.omnicanal.outbox.OutboxMessage>();
        messages.add(Postings.marketing(POINTS_AVAILABLE, batch.customerId(), POINTS_AVAILABLE + "#" + batch.customerId() + "#" + batch.id(),
                Map.of("points", Long.toString(points), "balance", Long.toString(account.available() + points)), now));
        String tier = null;
        if (after.threshold() > before.threshold() && !after.name().equals(account.tier())) {
            tier = after.name();
            messages.add(Postings.marketing(TIER_REACHED, batch.customerId(),
                    TIER_REACHED + "#" + batch.customerId() + "#" + after.name() + "#" + month,
                    after.benefits().isEmpty() ? Map.of("tier", after.name())
                            : Map.of("tier", after.name(), "benefits", String.join(", ", after.benefits())), now));
        }
        var change = new Posting.Change(points, -points, points, 0, month, points, 0, tier, account.version());
        return new Postings.Attempt<>(new Posting(batch.customerId(), List.of(entry), change,
                List.of(new Posting.BatchWrite(released, batch.version())), null, List.of(), messages, null, null),
                Step.RELEASED, () -> Step.NOTHING);
    }

    private Postings.Attempt<Step> warn(Batch batch, Account account, java.time.Instant now) {
        long left = left(batch, account);
        var warned = batch.with(Batch.Status.AVAILABLE, batch.points(), batch.lines(), batch.creditedThrough(), true);
        var messages = left == 0 ? List.<com.omnicanal.outbox.OutboxMessage>of()
                : List.of(Postings.marketing(POINTS_EXPIRING, batch.customerId(), POINTS_EXPIRING + "#" + batch.customerId() + "#" + batch.id(),
                Map.of("points", Long.toString(left), "expiresOn", DAY.format(batch.expiresAt())), now));
        return new Postings.Attempt<>(new Posting(batch.customerId(), List.of(), change(0, 0, 0, null, account),
                List.of(new Posting.BatchWrite(warned, batch.version())), null, List.of(), messages, null, null),
                left == 0 ? Step.NOTHING : Step.WARNED, () -> Step.NOTHING);
    }

    private Postings.Attempt<Step> expire(Batch batch, Account account, java.time.Instant now) {
        long left = Math.min(left(batch, account), account.available());
        var closed = batch.with(Batch.Status.CLOSED, batch.points(), batch.lines(), batch.creditedThrough(), true);
        var entries = left == 0 ? List.<Entry>of() : List.of(new Entry(Postings.entryId(), batch.customerId(), Entry.Type.EXPIRE,
                0, -left, batch.source(), batch.channel(), batch.storeId(), batch.id(), null, now));
        var figures = left == 0 ? List.<Posting.StoreFigure>of()
                : List.of(new Posting.StoreFigure(Reports.store(batch.storeId()), EarningPoints.month(now), Reports.EXPIRED, left));
        return new Postings.Attempt<>(new Posting(batch.customerId(), entries, change(-left, 0, left, null, account),
                List.of(new Posting.BatchWrite(closed, batch.version())), null, figures, List.of(), null, null),
                left == 0 ? Step.NOTHING : Step.EXPIRED, () -> Step.NOTHING);
    }

    /** What debits (oldest batch first) have not reached of this batch. */
    static long left(Batch batch, Account account) {
        return Math.max(0, Math.min(batch.points(), batch.creditedThrough() - account.debited()));
    }

    private static Posting.Change change(long available, long credited, long debited, String tier, Account account) {
        return new Posting.Change(available, 0, credited, debited, null, 0, 0, tier, account.version());
    }
}
