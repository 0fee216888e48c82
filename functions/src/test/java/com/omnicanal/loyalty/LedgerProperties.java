package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.memory.InMemoryLoyaltyLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * Whatever members do (buy, return, spend, wait, get corrected), the ledger holds: the balance is the sum of the
 * available entries and never negative, pending likewise; expiry takes what is left of the oldest batch first; a
 * purchase's lines earned and then returned, in any number of returns, come back to zero.
 */
@Tag("fast")
class LedgerProperties {
    private static final String WHO = "cust-camille";
    private static final List<String> SKUS = List.of("TSH-COT-BLU-M", "JEA-SLM-IND-32", "SNK-LEA-WHT-42");

    /** One thing that happens: 0 buy, 1 return some of an earlier purchase, 2 spend, 3 wait and sweep, 4 ops adjust. */
    record Step(int kind, int amount, int pick) {
    }

    @Property(tries = 200)
    @Tag("fast")
    void theBalanceIsTheSumOfItsEntriesNeverNegativeAndExpiryTakesTheOldestFirst(@ForAll("steps") List<Step> steps) {
        var clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));
        var ledger = new InMemoryLoyaltyLedger();
        int[] codes = {0};
        var loyalty = LoyaltyProgramme.of(ledger, () -> "PTS-" + (codes[0]++), Members.NONE, Duration.ofDays(30), clock);
        var purchases = new ArrayList<Purchase>();
        int n = 0;
        for (var step : steps) {
            switch (step.kind()) {
                case 0 -> {
                    var lines = new ArrayList<Purchase.Line>();
                    for (int i = 0; i <= step.pick() % SKUS.size(); i++) {
                        lines.add(new Purchase.Line(SKUS.get(i), "tops", 1 + (step.amount() + i) % 3, 500L * (1 + step.amount() % 40)));
                    }
                    var p = new Purchase(WHO, new Entry.Source("RECEIPT", "r" + n++), "STORE", "paris-rivoli", clock.instant(), lines);
                    purchases.add(p);
                    loyalty.earning().earn(p);
                    // reported twice: earns once
                    if (step.amount() % 5 == 0) loyalty.earning().earn(p);
                }
                case 1 -> {
                    if (purchases.isEmpty()) break;
                    var p = purchases.get(step.pick() % purchases.size());
                    var units = new HashMap<String, Integer>();
                    units.put(p.lines().get(0).sku(), 1 + step.amount() % 2);
                    var ret = new ReversingPoints.ReturnedLines("ret" + n++, WHO, p.source(), "lyon-part-dieu", units);
                    loyalty.reversing().reverse(ret);
                    // received twice: taken back once
                    if (step.amount() % 3 == 0) loyalty.reversing().reverse(ret);
                }
                case 2 -> {
                    try {
                        loyalty.redeeming().redeem(Actor.customer(WHO),
                                new RedeemingPoints.Redemption(WHO, 100L * (1 + step.amount() % 5), null), null);
                    } catch (DomainException.InvalidState | DomainException.NotFound notEnough) {
                        // refused, and nothing changed
                    }
                }
                case 3 -> {
                    clock.advance(Duration.ofDays(1 + step.amount() * 7L));
                    loyalty.sweeping().sweep();
                }
                default -> {
                    try {
                        loyalty.adjusting().adjust(Actor.ops("ops"), WHO,
                                new AdjustingPoints.Adjustment(step.pick() % 2 == 0 ? step.amount() * 10L + 10 : -step.amount() * 10L - 10, "goodwill"));
                    } catch (DomainException.InvalidState notEnough) {
                        // refused, and nothing changed
                    }
                }
            }
            assertHolds(ledger);
        }
        // years later everything that could expire has
        for (int i = 0; i < 30; i++) {
            clock.advance(Duration.ofDays(30));
            loyalty.sweeping().sweep();
        }
        assertHolds(ledger);
        assertThat(ledger.account(WHO).map(Account::pending).orElse(0L)).isZero();
    }

    private static void assertHolds(InMemoryLoyaltyLedger ledger) {
        var entries = ledger.all(WHO);
        var account = ledger.account(WHO).orElse(Account.empty(WHO));
        assertThat(account.available()).isEqualTo(entries.stream().mapToLong(Entry::available).sum()).isNotNegative();
        assertThat(account.pending()).isEqualTo(entries.stream().mapToLong(Entry::pending).sum()).isNotNegative();
        // the oracle: a queue of what was made available, debits taken from its head, an expiry takes its batch's rest
        var queue = new ArrayDeque<long[]>();
        var ids = new ArrayDeque<String>();
        long running = 0;
        for (var e : entries) {
            running += e.available();
            assertThat(running).as("balance after %s", e).isNotNegative();
            if (e.type() == Entry.Type.RELEASE || (e.type() == Entry.Type.ADJUST && e.available() > 0)) {
                queue.addLast(new long[]{e.available()});
                ids.addLast(e.type() == Entry.Type.RELEASE ? e.batchId() : "adjust");
            } else if (e.type() == Entry.Type.EXPIRE) {
                long before = 0;
                var it = ids.iterator();
                var qt = queue.iterator();
                long rest = -1;
                while (it.hasNext()) {
                    var id = it.next();
                    var q = qt.next();
                    if (id.equals(e.batchId())) {
                        rest = q[0];
                        q[0] = 0;
                        break;
                    }
                    if (!"adjust".equals(id)) before += q[0];
                }
                assertThat(before).as("nothing left of batches older than %s", e.batchId()).isZero();
                assertThat(-e.available()).as("expired of %s", e.batchId()).isEqualTo(rest);
            } else if (e.available() < 0) {
                long debit = -e.available();
                for (var q : queue) {
                    long take = Math.min(q[0], debit);
                    q[0] -= take;
                    debit -= take;
                }
            }
        }
    }

    @Property(tries = 300)
    @Tag("fast")
    void earningThenReturningTheSameLinesComesToZero(@ForAll("lines") List<Purchase.Line> lines,
                                                    @ForAll("splits") List<Integer> splits) {
        var clock = new MutableClock(Instant.parse("2026-03-05T10:00:00Z"));
        var ledger = new InMemoryLoyaltyLedger();
        var loyalty = LoyaltyProgramme.of(ledger, () -> "X", Members.NONE, Duration.ofDays(30), clock);
        // a first purchase already made: no bonus line in the way
        loyalty.adjusting().adjust(Actor.ops("ops"), WHO, new AdjustingPoints.Adjustment(1, "open"));
        loyalty.earning().earn(new Purchase(WHO, new Entry.Source("ORDER", "o0"), "WEB", null, clock.instant(),
                List.of(new Purchase.Line("GFT-CRD", "gifts", 1, 1000))));
        var purchase = new Purchase(WHO, new Entry.Source("ORDER", "o1"), "WEB", "paris-rivoli", clock.instant(), lines);
        long pendingBefore = ledger.account(WHO).orElseThrow().pending();
        var batch = loyalty.earning().earn(purchase).orElse(null);
        long earned = ledger.account(WHO).orElseThrow().pending() - pendingBefore;
        // return every unit, one split of units at a time per line
        var left = new LinkedHashMap<String, Integer>();
        if (batch != null) batch.lines().forEach((sku, l) -> left.put(sku, l.quantity()));
        long reversed = 0;
        int r = 0;
        for (int split : splits) {
            var units = new HashMap<String, Integer>();
            for (var e : left.entrySet()) {
                int k = Math.min(e.getValue(), split);
                if (k > 0) units.put(e.getKey(), k);
            }
            units.forEach((sku, k) -> left.merge(sku, -k, Integer::sum));
            reversed += loyalty.reversing().reverse(new ReversingPoints.ReturnedLines("ret" + r++, WHO, purchase.source(), "lyon-part-dieu", units));
        }
        var all = new HashMap<String, Integer>(left);
        reversed += loyalty.reversing().reverse(new ReversingPoints.ReturnedLines("ret-last", WHO, purchase.source(), "lyon-part-dieu", all));
        assertThat(reversed).isEqualTo(earned);
        assertThat(ledger.account(WHO).orElseThrow().pending()).isEqualTo(pendingBefore);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return Combinators.combine(Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(0, 50)).as(Step::new).list().ofMinSize(1).ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<Purchase.Line>> lines() {
        return Combinators.combine(Arbitraries.of(SKUS), Arbitraries.of("tops", "denim", "shoes"),
                Arbitraries.integers().between(1, 7), Arbitraries.longs().between(1, 90_000))
                .as(Purchase.Line::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<Integer>> splits() {
        return Arbitraries.integers().between(0, 3).list().ofMaxSize(5);
    }
}
