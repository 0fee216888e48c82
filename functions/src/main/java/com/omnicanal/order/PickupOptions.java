package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where else an order can be served when its pickup store lacks a line: there later, by transfer, or another store now. */
final class PickupOptions {
    private final Catalog catalog;
    private final StockLedger stock;
    private final OrderPolicy policy;

    PickupOptions(Catalog catalog, StockLedger stock, OrderPolicy policy) {
        this.catalog = catalog;
        this.stock = stock;
        this.policy = policy;
    }

    /** The options offered to the customer, none if no store and no transfer can supply every line. */
    List<PickupOption> offer(List<Order.Line> lines, Store pickup, Instant now) {
        var levels = new HashMap<String, List<StockLevel>>();
        for (var line : lines) levels.put(line.sku(), stock.levels(line.sku()));
        var options = new ArrayList<PickupOption>();
        // the same store later: each missing line comes from the web warehouse, else the store with the most units
        var sources = new LinkedHashMap<String, String>();
        Duration slowest = Duration.ZERO;
        boolean feasible = true;
        for (var line : lines) {
            if (available(levels, line.sku(), pickup.id()) >= line.quantity()) continue;
            var source = levels.get(line.sku()).stream().filter(l -> !l.location().equals(pickup.id()))
                    .filter(l -> l.available() >= line.quantity())
                    .max(Comparator.comparing((StockLevel l) -> l.isWeb()).thenComparing(StockLevel::available));
            if (source.isEmpty()) {
                feasible = false;
                break;
            }
            sources.put(line.sku(), source.get().location());
            var transfer = source.get().isWeb() ? policy.transferFromWeb() : policy.transferFromStore();
            if (transfer.compareTo(slowest) > 0) slowest = transfer;
        }
        if (feasible && !sources.isEmpty()) {
            options.add(new PickupOption("transfer", PickupOption.Kind.TRANSFER, pickup.id(), pickup.name(),
                    policy.readyBy(pickup, now.plus(slowest)), sources));
        }
        for (var store : catalog.stores()) {
            if (store.id().equals(pickup.id()) || !store.offers(StoreOffering.CLICK_AND_COLLECT)) continue;
            if (lines.stream().allMatch(l -> available(levels, l.sku(), store.id()) >= l.quantity())) {
                options.add(new PickupOption("store:" + store.id(), PickupOption.Kind.OTHER_STORE, store.id(), store.name(),
                        policy.readyBy(store, now), Map.of()));
            }
        }
        return options;
    }

    /** The names of the other stores that have every line of the order now, for a customer told it was rejected. */
    String storesWithEverything(Order order) {
        var names = new ArrayList<String>();
        for (var store : catalog.stores()) {
            if (store.id().equals(order.pickupStoreId()) || !store.offers(StoreOffering.CLICK_AND_COLLECT)) continue;
            boolean all = order.lines().stream().allMatch(l -> stock.levels(l.sku()).stream()
                    .anyMatch(s -> s.location().equals(store.id()) && s.available() >= l.quantity()));
            if (all) names.add(store.name());
        }
        return String.join(", ", names);
    }

    private static int available(Map<String, List<StockLevel>> levels, String sku, String location) {
        return levels.get(sku).stream().filter(l -> l.location().equals(location)).mapToInt(StockLevel::available).sum();
    }
}
