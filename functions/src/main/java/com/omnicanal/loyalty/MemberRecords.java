package com.omnicanal.loyalty;

import com.omnicanal.customer.CustomerHistory;
import com.omnicanal.customer.TimelineEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A person's loyalty records as the customer capability sees them: a merge gives the survivor one ledger (the entries,
 * the batches and the balance of both); an erasure keeps the ledger for the accounts under an anonymous id, with
 * nothing personal (no reason text, no link to the person); an export lists the account and every entry.
 */
public final class MemberRecords implements CustomerHistory {
    private final LoyaltyLedger ledger;
    private final ReadingAccounts reading;

    MemberRecords(LoyaltyLedger ledger, ReadingAccounts reading) {
        this.ledger = ledger;
        this.reading = reading;
    }

    @Override
    public int reassign(String from, String to) {
        return move(from, to, false);
    }

    @Override
    public void anonymise(String customerId, String anonymousId) {
        move(customerId, anonymousId, true);
    }

    @Override
    public List<TimelineEntry> timeline(String customerId, Instant before, int limit) {
        return List.of();
    }

    @Override
    public List<Map<String, Object>> export(String customerId) {
        var records = new ArrayList<Map<String, Object>>();
        var account = reading.view(customerId);
        var head = new LinkedHashMap<String, Object>();
        head.put("table", "Loyalty");
        head.put("record", "account");
        head.put("available", account.available());
        head.put("pending", account.pending());
        head.put("tier", account.tier());
        head.put("earnedLast12Months", account.earnedLast12Months());
        records.add(head);
        String cursor = null;
        do {
            var page = ledger.entries(customerId, cursor, 500);
            for (var e : page.items()) {
                var entry = new LinkedHashMap<String, Object>();
                entry.put("table", "Loyalty");
                entry.put("record", "entry");
                entry.put("id", e.id());
                entry.put("type", e.type().name());
                entry.put("pending", e.pending());
                entry.put("available", e.available());
                entry.put("source", e.source().kind() + " " + e.source().id());
                if (e.channel() != null) entry.put("channel", e.channel());
                if (e.storeId() != null) entry.put("storeId", e.storeId());
                if (e.reason() != null) entry.put("reason", e.reason());
                entry.put("at", e.at().toString());
                records.add(entry);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return records;
    }

    /** Entries and receipts first (append-only, safe to redo), then the batches and balances in one conditional write. */
    private int move(String from, String to, boolean anonymise) {
        int moved = ledger.moveEntries(from, to, anonymise) + ledger.moveReceipts(from, to);
        for (int attempt = 0; attempt < Postings.ATTEMPTS; attempt++) {
            var source = ledger.account(from).orElse(null);
            if (source == null) return moved;
            var target = ledger.account(to).orElse(Account.empty(to));
            var fromBatches = ledger.batches(from);
            var toBatches = ledger.batches(to);
            if (ledger.replaceMember(source, target, fromBatches, rebased(source, target, fromBatches, toBatches, to),
                    rebatched(source, target, fromBatches, toBatches, to))) {
                return moved + fromBatches.size() + 1;
            }
        }
        throw new IllegalStateException("the loyalty account of " + from + " kept changing during the move");
    }

    /**
     * The survivor's account: both balances, pending points, months and purchases; the totals rebased on what is left
     * of each available batch (taken oldest first within each ledger), so expiry goes on taking the oldest first.
     */
    static Account rebased(Account from, Account to, List<Batch> fromBatches, List<Batch> toBatches, String survivor) {
        var months = new HashMap<>(to.earnedByMonth());
        from.earnedByMonth().forEach((m, n) -> months.merge(m, n, Long::sum));
        long credited = remainder(from, fromBatches) + remainder(to, toBatches);
        for (var b : available(from, fromBatches)) credited += b.points();
        for (var b : available(to, toBatches)) credited += b.points();
        return new Account(survivor, from.available() + to.available(), from.pending() + to.pending(), credited, 0, months,
                from.purchases() + to.purchases(), to.tier() != null ? to.tier() : from.tier(), to.version() + 1);
    }

    /** Every batch of both under the survivor: an available one holds what is left of it, in order of availability. */
    static List<Batch> rebatched(Account from, Account to, List<Batch> fromBatches, List<Batch> toBatches, String survivor) {
        var open = new ArrayList<Batch>();
        open.addAll(available(from, fromBatches));
        open.addAll(available(to, toBatches));
        open.sort(Comparator.comparing(Batch::availableAt).thenComparing(Batch::id));
        long through = remainder(from, fromBatches) + remainder(to, toBatches);
        var all = new ArrayList<Batch>();
        for (var b : open) {
            through += b.points();
            all.add(owned(b, survivor, b.points(), through));
        }
        for (var b : fromBatches) if (b.status() != Batch.Status.AVAILABLE) all.add(owned(b, survivor, b.points(), b.creditedThrough()));
        for (var b : toBatches) if (b.status() != Batch.Status.AVAILABLE) all.add(owned(b, survivor, b.points(), b.creditedThrough()));
        return all;
    }

    /** The available batches with only what debits left of each. */
    private static List<Batch> available(Account account, List<Batch> batches) {
        return batches.stream().filter(b -> b.status() == Batch.Status.AVAILABLE)
                .map(b -> owned(b, b.customerId(), SweepingPoints.left(b, account), b.creditedThrough())).toList();
    }

    /** What the balance holds beyond its batches (ops' additions, which never expire). */
    private static long remainder(Account account, List<Batch> batches) {
        long inBatches = available(account, batches).stream().mapToLong(Batch::points).sum();
        return Math.max(0, account.available() - inBatches);
    }

    private static Batch owned(Batch b, String customerId, long points, long creditedThrough) {
        return new Batch(b.id(), customerId, b.status(), b.source(), b.channel(), b.storeId(), b.earnedAt(), b.availableAt(),
                b.expiresAt(), points, b.lines(), creditedThrough, b.warned(), b.programmeVersion(), b.version() + 1);
    }
}
