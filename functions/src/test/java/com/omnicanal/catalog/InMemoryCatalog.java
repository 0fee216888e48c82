package com.omnicanal.catalog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The catalogue's ports in memory, with the Catalog table's rules: a run's writes wait beside the products sold (its
 * "pending" values) until the run completes, a run's writes are refused once a newer run began, a batch is written
 * once with its products. The fast tier, and the model the DynamoDB adapters are held to.
 */
public class InMemoryCatalog implements Catalog, StoreRegister, CatalogFeeds {
    /** A product as sold ({@code live}) and as the run {@code pendingEpoch} wrote it, sold once that run completes. */
    private record Item(Product live, Product pending, long pendingEpoch) {
    }

    private final TreeMap<String, Item> items = new TreeMap<>();
    private final Set<Long> abandoned = new java.util.HashSet<>();
    private long liveEpoch;
    private final TreeMap<String, Store> stores = new TreeMap<>();
    private final Map<String, FeedRecord> feeds = new HashMap<>();
    private final Map<String, Integer> discontinued = new HashMap<>();
    private final Map<String, Map<Integer, FeedReport.BatchResult>> batches = new HashMap<>();
    private long epoch;

    /** What is sold: the pending values of a completed run, else the live ones. */
    private Product resolved(Item item) {
        if (item == null) return null;
        boolean completed = item.pending() != null && item.pendingEpoch() <= liveEpoch && !abandoned.contains(item.pendingEpoch());
        return completed ? item.pending() : item.live();
    }

    @Override
    public synchronized Optional<Product> product(String sku) {
        return Optional.ofNullable(sku).map(items::get).map(this::resolved);
    }

    @Override
    public synchronized Map<String, Product> products(Collection<String> skus) {
        var found = new LinkedHashMap<String, Product>();
        for (var sku : skus) {
            var product = resolved(items.get(sku));
            if (product != null) found.put(sku, product);
        }
        return found;
    }

    /** Every product as sold, sorted by SKU (for the tests' assertions). */
    public synchronized List<Product> products() {
        return items.values().stream().map(this::resolved).filter(java.util.Objects::nonNull).toList();
    }

    @Override
    public synchronized List<Listing> listing() {
        return products().stream().map(p -> new Listing(p.sku(), p.name(), p.category(), p.brand(), p.size(), p.color(),
                p.status())).toList();
    }

    @Override
    public synchronized long revision() {
        return liveEpoch;
    }

    @Override
    public ZoneId zone() {
        return ZoneId.of("Europe/Paris");
    }

    @Override
    public synchronized List<Store> stores() {
        return List.copyOf(stores.values());
    }

    @Override
    public synchronized Optional<Store> store(String id) {
        return Optional.ofNullable(id).map(stores::get);
    }

    @Override
    public synchronized boolean save(Store store, String by, Instant at) {
        return stores.put(store.id(), store) == null;
    }

    @Override
    public synchronized Optional<FeedRecord> feed(String feedId) {
        return Optional.ofNullable(feeds.get(feedId));
    }

    @Override
    public synchronized long currentEpoch() {
        return epoch;
    }

    @Override
    public synchronized boolean begin(FeedRecord run, long previousEpoch) {
        var recorded = feeds.get(run.feedId());
        if (epoch != previousEpoch) return false;
        if (recorded != null && (!recorded.fingerprint().equals(run.fingerprint())
                || recorded.status() == FeedReport.Status.COMPLETE)) {
            return false;
        }
        // the run before, if it never completed, never will: its pending values are never sold
        if (epoch != liveEpoch) abandoned.add(epoch);
        epoch = run.epoch();
        feeds.put(run.feedId(), run);
        discontinued.put(key(run.feedId(), run.epoch()), 0);
        return true;
    }

    @Override
    public synchronized List<FeedReport.BatchResult> batches(String feedId, long epoch) {
        return new ArrayList<>(batches.getOrDefault(key(feedId, epoch), Map.of()).values());
    }

    @Override
    public synchronized BatchOutcome applyBatch(String feedId, long epoch, FeedReport.BatchResult result,
                                                List<Change> changes, Instant at) {
        if (this.epoch != epoch) return BatchOutcome.SUPERSEDED;
        var written = batches.computeIfAbsent(key(feedId, epoch), k -> new TreeMap<>());
        if (written.containsKey(result.batch())) return BatchOutcome.ALREADY_APPLIED;
        written.put(result.batch(), result);
        changes.forEach(c -> items.put(c.after().sku(), new Item(c.before(), c.after(), epoch)));
        return BatchOutcome.APPLIED;
    }

    @Override
    public synchronized Set<String> sellable() {
        return products().stream().filter(Product::sellable).map(Product::sku).collect(Collectors.toSet());
    }

    @Override
    public synchronized Optional<Integer> discontinue(String feedId, long epoch, Collection<String> skus, Instant at) {
        if (this.epoch != epoch) return Optional.empty();
        int count = 0;
        for (var sku : skus) {
            var item = items.get(sku);
            var product = resolved(item);
            if (product == null || !product.sellable() || item.pendingEpoch() == epoch) continue;
            items.put(sku, new Item(product, product.discontinued(), epoch));
            count++;
        }
        discontinued.merge(key(feedId, epoch), count, Integer::sum);
        return Optional.of(count);
    }

    @Override
    public synchronized int discontinued(String feedId, long epoch) {
        return discontinued.getOrDefault(key(feedId, epoch), 0);
    }

    @Override
    public synchronized boolean complete(String feedId, long epoch, FeedReport report) {
        var recorded = feeds.get(feedId);
        if (this.epoch != epoch || recorded == null || recorded.epoch() != epoch
                || recorded.status() != FeedReport.Status.RUNNING) {
            return false;
        }
        feeds.put(feedId, new FeedRecord(feedId, recorded.fingerprint(), epoch, recorded.lines(),
                FeedReport.Status.COMPLETE, recorded.startedAt(), report));
        // every write of the run is sold from now on, at once
        liveEpoch = epoch;
        return true;
    }

    private static String key(String feedId, long epoch) {
        return feedId + "#" + epoch;
    }
}
