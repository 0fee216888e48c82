package com.omnicanal.testing.memory;

import com.omnicanal.stock.FeedResult;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The stock ledger in memory, with the conditions of the DynamoDB one: a late count never wins, holds are kept. */
public final class InMemoryStockLedger implements StockLedger {
    private final InMemoryStore store;

    public InMemoryStockLedger(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public List<StockLevel> levels(String sku) {
        synchronized (store) {
            return store.stock.values().stream().map(InMemoryStore.StockRow::level).filter(l -> l.sku().equals(sku))
                    .sorted(Comparator.comparing(StockLevel::location)).toList();
        }
    }

    @Override
    public Map<String, List<StockLevel>> levels(Collection<String> skus) {
        synchronized (store) {
            var bySku = new LinkedHashMap<String, List<StockLevel>>();
            skus.forEach(sku -> bySku.put(sku, new ArrayList<>()));
            store.stock.values().stream().map(InMemoryStore.StockRow::level).sorted(Comparator.comparing(StockLevel::location))
                    .filter(l -> bySku.containsKey(l.sku())).forEach(l -> bySku.get(l.sku()).add(l));
            // SKUs with no stock anywhere are absent
            bySku.values().removeIf(List::isEmpty);
            return bySku;
        }
    }

    @Override
    public long lastAppliedFeed(String storeId) {
        synchronized (store) {
            return store.feeds.getOrDefault(storeId, -1L);
        }
    }

    @Override
    public FeedClaim claimFeed(String storeId, long feedSequence, java.time.Instant now) {
        synchronized (store) {
            long recorded = store.feeds.getOrDefault(storeId, -1L);
            long claimed = store.feedsClaimed.getOrDefault(storeId, -1L);
            if (feedSequence <= recorded || feedSequence < claimed) return FeedClaim.refused(Math.max(recorded, claimed));
            var running = store.feedsRunning.computeIfAbsent(storeId, s -> new java.util.HashMap<>());
            // as on DynamoDB: a claim older than a Lambda's longest life is abandoned
            running.values().removeIf(began -> !began.isAfter(now.minus(java.time.Duration.ofMinutes(15))));
            boolean olderInFlight = running.keySet().stream().anyMatch(s -> s != feedSequence);
            running.put(feedSequence, now);
            store.feedsClaimed.put(storeId, feedSequence);
            return new FeedClaim(true, recorded, olderInFlight);
        }
    }

    @Override
    public CountOutcome applyCount(String storeId, long feedSequence, String sku, int onHand) {
        synchronized (store) {
            var key = InMemoryStore.key(sku, storeId);
            var row = store.stock.get(key);
            if (row != null && row.feedSeq() != null && row.feedSeq() >= feedSequence) return CountOutcome.SUPERSEDED;
            int reserved = row == null ? 0 : row.level().reserved();
            // the count covers the held units: when it is below them, the holds are kept and the gap reported
            var level = new StockLevel(sku, storeId, Math.max(onHand, reserved), reserved);
            store.stock.put(key, new InMemoryStore.StockRow(level, feedSequence));
            return new CountOutcome(true, reserved > onHand
                    ? Optional.of(new FeedResult.Shortfall(sku, onHand, reserved)) : Optional.empty());
        }
    }

    @Override
    public void recordFeed(String storeId, long feedSequence) {
        synchronized (store) {
            // a newer feed recorded first keeps its sequence
            store.feeds.merge(storeId, feedSequence, Math::max);
            store.feedsRunning.getOrDefault(storeId, new java.util.HashMap<>()).remove(feedSequence);
        }
    }
}
