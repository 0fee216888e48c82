package com.omnicanal.testing.memory;

import com.omnicanal.loyalty.Account;
import com.omnicanal.loyalty.Batch;
import com.omnicanal.loyalty.Entry;
import com.omnicanal.loyalty.LoyaltyLedger;
import com.omnicanal.loyalty.Posting;
import com.omnicanal.loyalty.Programme;
import com.omnicanal.loyalty.RedeemingPoints;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The loyalty ledger in memory, for the fast tier: one lock plays DynamoDB's transaction and its conditions. */
public final class InMemoryLoyaltyLedger implements LoyaltyLedger {
    private Programme programme;
    private final Map<String, Account> accounts = new HashMap<>();
    private final Map<String, Batch> batches = new HashMap<>();
    private final Map<String, List<Entry>> entries = new HashMap<>();
    private final Set<String> claims = new HashSet<>();
    private final Map<String, RedeemingPoints.Redeemed> idempotency = new HashMap<>();
    private final Map<String, Map<String, Long>> figures = new HashMap<>();
    public final List<OutboxMessage> outbox = new ArrayList<>();
    /** The business events the postings wrote beside their messages (points moved, for the KPIs). */
    public final List<com.omnicanal.shared.BusinessEvent> events = new ArrayList<>();
    public final List<Posting.Reward> rewards = new ArrayList<>();

    @Override
    public synchronized Optional<Programme> programme() {
        return Optional.ofNullable(programme);
    }

    @Override
    public synchronized boolean saveProgramme(Programme next, int previousVersion) {
        int current = programme == null ? 0 : programme.version();
        if (current != previousVersion) return false;
        programme = next;
        return true;
    }

    @Override
    public synchronized Optional<Account> account(String customerId) {
        return Optional.ofNullable(accounts.get(customerId));
    }

    @Override
    public synchronized Optional<Batch> batch(String customerId, String batchId) {
        return Optional.ofNullable(batches.get(customerId + "|" + batchId));
    }

    @Override
    public synchronized Page<Entry> entries(String customerId, String cursor, int limit) {
        var all = entries.getOrDefault(customerId, List.of());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page<>(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }

    @Override
    public synchronized List<Batch> due(Instant now, int limit) {
        return batches.values().stream().filter(b -> b.dueAt(Duration.ofDays(30)) != null && !b.dueAt(Duration.ofDays(30)).isAfter(now))
                .sorted(Comparator.comparing(b -> b.dueAt(Duration.ofDays(30)))).limit(limit).toList();
    }

    @Override
    public synchronized List<Batch> openBatches(String customerId) {
        return batches.values().stream().filter(b -> b.customerId().equals(customerId) && b.status() != Batch.Status.CLOSED)
                .sorted(Comparator.comparing(Batch::earnedAt)).toList();
    }

    @Override
    public synchronized List<Batch> batches(String customerId) {
        return batches.values().stream().filter(b -> b.customerId().equals(customerId)).toList();
    }

    @Override
    public synchronized int moveEntries(String from, String to, boolean anonymise) {
        var moved = entries.remove(from);
        if (moved == null) return 0;
        var target = entries.computeIfAbsent(to, k -> new ArrayList<>());
        for (var e : moved) {
            target.add(new Entry(e.id(), to, e.type(), e.pending(), e.available(), e.source(), e.channel(), e.storeId(),
                    e.batchId(), anonymise ? null : e.reason(), e.at()));
        }
        target.sort(Comparator.comparing(Entry::id));
        return moved.size();
    }

    @Override
    public synchronized int moveReceipts(String from, String to) {
        return 0;
    }

    @Override
    public synchronized boolean replaceMember(Account from, Account to, List<Batch> fromBatches, Account merged,
                                              List<Batch> moved) {
        if (accounts.getOrDefault(from.customerId(), Account.empty(from.customerId())).version() != from.version()) return false;
        if (accounts.getOrDefault(to.customerId(), Account.empty(to.customerId())).version() != to.version()) return false;
        accounts.remove(from.customerId());
        accounts.put(merged.customerId(), merged);
        for (var b : fromBatches) batches.remove(from.customerId() + "|" + b.id());
        for (var b : moved) batches.put(b.customerId() + "|" + b.id(), b);
        return true;
    }

    @Override
    public synchronized Posting.Outcome post(Posting p) {
        if (p.claim() != null && claims.contains(p.claim())) return Posting.Outcome.ALREADY_DONE;
        if (p.idempotency() != null && idempotency.containsKey(p.idempotency().key())) return Posting.Outcome.ALREADY_DONE;
        var c = p.change();
        var account = accounts.getOrDefault(p.customerId(), Account.empty(p.customerId()));
        if (c.expectVersion() != null && account.version() != c.expectVersion()) return Posting.Outcome.STALE;
        for (var w : p.batches()) {
            var current = batches.get(p.customerId() + "|" + w.batch().id());
            if (w.expectedVersion() == null && current != null) return Posting.Outcome.ALREADY_DONE;
            if (w.expectedVersion() != null && (current == null || current.version() != w.expectedVersion())) {
                return Posting.Outcome.STALE;
            }
        }
        if (c.available() < 0 && account.available() < -c.available()) return Posting.Outcome.INSUFFICIENT;
        if (account.pending() + c.pending() < 0) return Posting.Outcome.STALE;
        var months = new HashMap<>(account.earnedByMonth());
        if (c.month() != null) months.merge(c.month(), c.earned(), Long::sum);
        accounts.put(p.customerId(), new Account(p.customerId(), account.available() + c.available(),
                account.pending() + c.pending(), account.credited() + c.credited(), account.debited() + c.debited(), months,
                account.purchases() + c.purchases(), c.tier() != null ? c.tier() : account.tier(), account.version() + 1));
        for (var w : p.batches()) batches.put(p.customerId() + "|" + w.batch().id(), w.batch());
        entries.computeIfAbsent(p.customerId(), k -> new ArrayList<>()).addAll(p.entries());
        if (p.claim() != null) claims.add(p.claim());
        if (p.reward() != null) {
            rewards.add(p.reward());
            if (p.idempotency() != null) {
                idempotency.put(p.idempotency().key(), new RedeemingPoints.Redeemed(p.reward().code(), p.reward().points(),
                        p.reward().amountOffCents(), p.reward().expiresAt()));
            }
        }
        for (var f : p.figures()) {
            figures.computeIfAbsent(f.storeId() + "|" + f.month(), k -> new HashMap<>()).merge(f.figure(), f.points(), Long::sum);
        }
        outbox.addAll(p.messages());
        events.addAll(p.events());
        return Posting.Outcome.WRITTEN;
    }

    @Override
    public synchronized Optional<RedeemingPoints.Redeemed> replay(IdempotencyClaim claim) {
        return Optional.ofNullable(idempotency.get(claim.key()));
    }

    @Override
    public synchronized Map<String, Long> figures(String storeId, YearMonth month) {
        return Map.copyOf(figures.getOrDefault(storeId + "|" + month, Map.of()));
    }

    /** Every entry of the member, oldest first. */
    public synchronized List<Entry> all(String customerId) {
        return List.copyOf(entries.getOrDefault(customerId, List.of()));
    }
}
