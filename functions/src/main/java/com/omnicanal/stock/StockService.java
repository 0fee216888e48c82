package com.omnicanal.stock;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.catalog.Store;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Stock everywhere: one availability figure per SKU and location, fed by the stores. */
public final class StockService {
    public static final String WEB_NAME = "Entrepôt web";

    private final Catalog catalog;
    private final StockLedger ledger;
    private final Clock clock;

    public StockService(Catalog catalog, StockLedger ledger, Clock clock) {
        this.catalog = catalog;
        this.ledger = ledger;
        this.clock = clock;
    }

    public StockView view(String sku) {
        var product = catalog.product(sku)
                .orElseThrow(() -> new DomainException.NotFound("no product with SKU " + sku));
        Map<String, Store> stores = catalog.stores().stream().collect(Collectors.toMap(Store::id, Function.identity()));
        var locations = new ArrayList<StockView.Location>();
        int total = 0;
        var now = clock.instant();
        int webPrice = product.priceAt(now, SalesChannel.WEB, catalog.zone());
        for (var level : ledger.levels(sku)) {
            if (level.isWeb()) {
                locations.add(new StockView.Location(StockLevel.WEB, "web", WEB_NAME, level.available(), webPrice,
                        level.inTransit()));
            } else if (stores.containsKey(level.location())) {
                var store = stores.get(level.location());
                // the price at the till there, now: the store's channel price, its sales read in its own time zone
                locations.add(new StockView.Location(level.location(), "store", store.name(), level.available(),
                        product.priceAt(now, SalesChannel.STORE, store.zone()), level.inTransit()));
            } else {
                continue;
            }
            total += level.available();
        }
        // the web warehouse first, then the stores with the most units
        locations.sort(Comparator.comparing((StockView.Location l) -> !l.type().equals("web"))
                .thenComparing(StockView.Location::available, Comparator.reverseOrder())
                .thenComparing(StockView.Location::locationId));
        return new StockView(sku, product.name(), total, locations, webPrice, product.currency());
    }

    /** Applies a store's count; validated as a whole first, so bad input changes nothing. */
    public FeedResult applyFeed(Actor actor, String storeId, StockFeed feed) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        validate(feed);
        var claim = ledger.claimFeed(storeId, feed.feedSequence(), clock.instant());
        if (!claim.claimed()) {
            return FeedResult.stale(storeId, feed.feedSequence(), claim.newest());
        }
        // a line that already holds its count is not written (a write costs as much whether it changes or not), unless
        // an older feed may still be writing: it could then overwrite the skipped line after this read
        var current = claim.olderInFlight() ? Map.<String, Integer>of()
                : ledger.onHandAt(storeId, feed.lines().stream().map(StockFeed.Line::sku).toList());
        var changed = feed.lines().stream().filter(l -> !l.onHand().equals(current.get(l.sku()))).toList();
        var shortfalls = new ArrayList<FeedResult.Shortfall>();
        int applied = 0;
        for (var outcome : ledger.applyCounts(storeId, feed.feedSequence(), changed)) {
            if (outcome.applied()) applied++;
            outcome.shortfall().ifPresent(shortfalls::add);
        }
        // recorded last, so a feed cut off half-way can be sent again and finishes the job
        ledger.recordFeed(storeId, feed.feedSequence());
        int unchanged = feed.lines().size() - changed.size();
        return FeedResult.applied(storeId, feed.feedSequence(), applied + unchanged, unchanged, shortfalls);
    }

    private void validate(StockFeed feed) {
        var violations = new ArrayList<DomainException.Violation>();
        if (feed.feedSequence() == null || feed.feedSequence() < 0) {
            violations.add(new DomainException.Violation("feedSequence", "is required and must be >= 0"));
        }
        if (feed.lines() == null || feed.lines().isEmpty() || feed.lines().size() > StockFeed.MAX_LINES) {
            violations.add(new DomainException.Violation("lines",
                    "must hold between 1 and " + StockFeed.MAX_LINES + " lines"));
        } else {
            var seen = new HashSet<String>();
            // the feed's products in one read per 100 SKUs, not one per line
            var known = catalog.products(feed.lines().stream()
                    .filter(l -> l != null && l.sku() != null).map(StockFeed.Line::sku).distinct().toList());
            for (int i = 0; i < feed.lines().size(); i++) {
                var line = feed.lines().get(i);
                var at = "lines[" + i + "]";
                if (line == null) {
                    violations.add(new DomainException.Violation(at, "must be an object"));
                    continue;
                }
                if (line.sku() == null || !known.containsKey(line.sku())) {
                    violations.add(new DomainException.Violation(at + ".sku", "is not a known SKU"));
                } else if (!seen.add(line.sku())) {
                    violations.add(new DomainException.Violation(at + ".sku", "appears twice in the feed"));
                }
                if (line.onHand() == null || line.onHand() < 0 || line.onHand() > StockFeed.MAX_ON_HAND) {
                    violations.add(new DomainException.Violation(at + ".onHand",
                            "is required, between 0 and " + StockFeed.MAX_ON_HAND));
                }
                if (violations.size() >= 50) break;
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(List.copyOf(violations));
    }
}
