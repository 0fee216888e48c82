package com.omnicanal.catalog;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Ops (or the feed bucket) apply a feed: the whole catalogue as the PIM/ERP has it. Lines are checked first, all of
 * them, so a feed too broken to trust changes nothing; then they are applied in batches, each batch's products written
 * with its progress record; then every product sold before and absent from the feed is discontinued (kept, no longer
 * sold). The same feed again answers its report; a feed cut short resumes after its last batch.
 */
public final class ImportingFeeds {
    private final CatalogFeeds feeds;
    private final CatalogPolicy policy;
    private final Clock clock;

    public ImportingFeeds(CatalogFeeds feeds, CatalogPolicy policy, Clock clock) {
        this.feeds = feeds;
        this.policy = policy;
        this.clock = clock;
    }

    /** The report, and whether it is the replay of a feed already applied. */
    public record Outcome(FeedReport report, boolean replayed) {
    }

    public Outcome apply(Actor actor, CatalogFeed feed) {
        requireOps(actor);
        var checked = check(feed);
        var started = begin(feed);
        if (started instanceof Begun.Done done) return new Outcome(done.report(), true);
        var run = ((Begun.Running) started).run();
        var done = new HashSet<Integer>();
        feeds.batches(feed.id(), run.epoch()).forEach(b -> done.add(b.batch()));
        int batches = (feed.lines().size() + policy.batchSize() - 1) / policy.batchSize();
        for (int batch = 0; batch < batches; batch++) {
            if (done.contains(batch)) continue;
            var lines = feed.lines().subList(batch * policy.batchSize(),
                    Math.min(feed.lines().size(), (batch + 1) * policy.batchSize()));
            applyBatch(feed, run.epoch(), batch, lines, checked);
        }
        var absent = new TreeSet<>(feeds.sellable());
        absent.removeAll(checked.accepted().keySet());
        var chunk = new ArrayList<String>();
        for (var sku : absent) {
            chunk.add(sku);
            if (chunk.size() == policy.batchSize()) discontinue(feed, run.epoch(), chunk);
        }
        if (!chunk.isEmpty()) discontinue(feed, run.epoch(), chunk);
        var report = FeedReport.of(feed.id(), FeedReport.Status.COMPLETE, feed.lines().size(),
                feeds.batches(feed.id(), run.epoch()), feeds.discontinued(feed.id(), run.epoch()), run.startedAt(), now());
        if (!feeds.complete(feed.id(), run.epoch(), report)) {
            // a duplicate of this very run may have completed it first: then its report is the answer
            var recorded = feeds.feed(feed.id()).filter(f -> f.status() == FeedReport.Status.COMPLETE
                    && f.fingerprint().equals(feed.fingerprint()));
            if (recorded.isPresent()) return new Outcome(recorded.get().report(), true);
            throw superseded(feed.id());
        }
        return new Outcome(report, false);
    }

    /** The feed's report as it stands: counts so far while it runs. */
    public FeedReport report(Actor actor, String feedId) {
        requireOps(actor);
        var record = feeds.feed(feedId).orElseThrow(() -> new DomainException.NotFound("no feed " + feedId));
        if (record.status() == FeedReport.Status.COMPLETE) return record.report();
        var status = record.epoch() == feeds.currentEpoch() ? FeedReport.Status.RUNNING : FeedReport.Status.SUPERSEDED;
        return FeedReport.of(feedId, status, record.lines(), feeds.batches(feedId, record.epoch()),
                feeds.discontinued(feedId, record.epoch()), record.startedAt(), null);
    }

    /** The lines accepted, by SKU, and the rejections by line number; refuses a feed too broken to apply. */
    private record Checked(Map<String, Product> accepted, Map<Integer, FeedReport.Rejection> rejections) {
    }

    private Checked check(CatalogFeed feed) {
        if (feed.lines().isEmpty()) throw new DomainException.InvalidInput("body", "the feed has no product line");
        if (feed.lines().size() > policy.maxLines()) {
            throw new DomainException.InvalidInput("body", "a feed has at most " + policy.maxLines() + " lines");
        }
        var accepted = new HashMap<String, Product>();
        var firstLine = new HashMap<String, Integer>();
        var rejections = new HashMap<Integer, FeedReport.Rejection>();
        for (var line : feed.lines()) {
            if (line instanceof CatalogFeed.Unreadable unreadable) {
                rejections.put(line.number(), new FeedReport.Rejection(line.number(), null, unreadable.reason()));
                continue;
            }
            var product = ((CatalogFeed.Offered) line).product();
            var problems = product.problems();
            if (problems.isEmpty() && firstLine.containsKey(product.sku())) {
                problems = List.of("sku " + product.sku() + " is already on line " + firstLine.get(product.sku()));
            }
            if (!problems.isEmpty()) {
                rejections.put(line.number(), new FeedReport.Rejection(line.number(), product.sku(), String.join("; ", problems)));
                continue;
            }
            firstLine.put(product.sku(), line.number());
            accepted.put(product.sku(), product.active());
        }
        if (accepted.isEmpty() || rejections.size() > policy.maxRejectedShare() * feed.lines().size()) {
            // a feed this broken would discontinue what it failed to list: refused whole, with its first problems
            var violations = new ArrayList<DomainException.Violation>();
            violations.add(new DomainException.Violation("body", rejections.size() + " of " + feed.lines().size()
                    + " lines are rejected, more than " + Math.round(policy.maxRejectedShare() * 100) + " %: nothing was applied"));
            rejections.values().stream().sorted(java.util.Comparator.comparingInt(FeedReport.Rejection::line)).limit(20)
                    .forEach(r -> violations.add(new DomainException.Violation("line " + r.line(), r.reason())));
            throw new DomainException.InvalidInput(violations);
        }
        return new Checked(accepted, rejections);
    }

    private sealed interface Begun {
        record Done(FeedReport report) implements Begun {
        }

        record Running(CatalogFeeds.FeedRecord run) implements Begun {
        }
    }

    /** The run to continue (this feed's, if no newer feed began since), or a new one, or the report of a feed done. */
    private Begun begin(CatalogFeed feed) {
        for (int attempt = 0; attempt < 10; attempt++) {
            var recorded = feeds.feed(feed.id());
            if (recorded.isPresent() && !recorded.get().fingerprint().equals(feed.fingerprint())) {
                throw new DomainException.IdempotencyConflict("feed " + feed.id() + " was already sent with other content");
            }
            if (recorded.isPresent() && recorded.get().status() == FeedReport.Status.COMPLETE) {
                return new Begun.Done(recorded.get().report());
            }
            long epoch = feeds.currentEpoch();
            if (recorded.isPresent() && recorded.get().epoch() == epoch) return new Begun.Running(recorded.get());
            var run = new CatalogFeeds.FeedRecord(feed.id(), feed.fingerprint(), epoch + 1, feed.lines().size(),
                    FeedReport.Status.RUNNING, now(), null);
            if (feeds.begin(run, epoch)) return new Begun.Running(run);
        }
        throw new DomainException.InvalidState("feeds are beginning all at once; send feed " + feed.id() + " again in a moment");
    }

    private void applyBatch(CatalogFeed feed, long epoch, int batch, List<CatalogFeed.Line> lines, Checked checked) {
        var skus = new ArrayList<String>();
        var rejections = new ArrayList<FeedReport.Rejection>();
        for (var line : lines) {
            var rejection = checked.rejections().get(line.number());
            if (rejection != null) {
                rejections.add(rejection);
            } else {
                skus.add(((CatalogFeed.Offered) line).product().sku());
            }
        }
        var current = feeds.products(skus);
        var writes = new ArrayList<CatalogFeeds.Change>();
        int created = 0;
        int changed = 0;
        for (var sku : skus) {
            var wanted = checked.accepted().get(sku);
            var now = current.get(sku);
            if (now == null) {
                created++;
                writes.add(new CatalogFeeds.Change(null, wanted));
            } else if (!now.equals(wanted)) {
                changed++;
                writes.add(new CatalogFeeds.Change(now, wanted));
            }
        }
        var result = new FeedReport.BatchResult(batch, created, changed, skus.size() - created - changed, rejections);
        if (feeds.applyBatch(feed.id(), epoch, result, writes, now()) == CatalogFeeds.BatchOutcome.SUPERSEDED) {
            throw superseded(feed.id());
        }
    }

    private void discontinue(CatalogFeed feed, long epoch, List<String> chunk) {
        if (feeds.discontinue(feed.id(), epoch, chunk, now()).isEmpty()) throw superseded(feed.id());
        chunk.clear();
    }

    private static DomainException superseded(String feedId) {
        return new DomainException.InvalidState("a newer feed began while feed " + feedId
                + " was applied: it stopped; send it again to apply it after that one");
    }

    private static void requireOps(Actor actor) {
        if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops apply catalogue feeds");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
