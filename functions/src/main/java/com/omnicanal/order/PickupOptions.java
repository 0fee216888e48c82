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
import java.util.Optional;

/** Where else an order can be served when its pickup store lacks a line: there later, by transfer, or another store now. */
final class PickupOptions {
    private final Catalog catalog;
    private final StockLedger stock;
    private final OrderPolicy policy;
    private final TransferSourcing sourcing;

    /** {@code sourcing}: routing's choice of sources, or null for the web warehouse else the store with the most units. */
    PickupOptions(Catalog catalog, StockLedger stock, OrderPolicy policy, TransferSourcing sourcing) {
        this.catalog = catalog;
        this.stock = stock;
        this.policy = policy;
        this.sourcing = sourcing;
    }

    /** The options offered to the customer, none if no store and no transfer can supply every line. */
    List<PickupOption> offer(List<Order.Line> lines, Store pickup, Instant now) {
        var levels = new HashMap<String, List<StockLevel>>();
        for (var line : lines) levels.put(line.sku(), stock.levels(line.sku()));
        var options = new ArrayList<PickupOption>();
        // the same store later: each missing line transferred from where the sourcing finds it
        var found = sourceMissing(null, lines, pickup, levels);
        if (found.isPresent() && !found.get().sourceBySku().isEmpty()) {
            options.add(new PickupOption("transfer", PickupOption.Kind.TRANSFER, pickup.id(), pickup.name(),
                    readyBy(found.get(), pickup, now), new LinkedHashMap<>(found.get().sourceBySku())));
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

    /** Where the lines the pickup store lacks now come from; empty if one cannot be transferred. */
    Optional<TransferSourcing.Sourcing> sourceMissing(String orderId, List<Order.Line> lines, Store pickup) {
        var levels = new HashMap<String, List<StockLevel>>();
        for (var line : lines) levels.put(line.sku(), stock.levels(line.sku()));
        return sourceMissing(orderId, lines, pickup, levels);
    }

    private Optional<TransferSourcing.Sourcing> sourceMissing(String orderId, List<Order.Line> lines, Store pickup,
                                                              Map<String, List<StockLevel>> levels) {
        var missing = lines.stream().filter(l -> available(levels, l.sku(), pickup.id()) < l.quantity())
                .map(l -> new TransferSourcing.Need(l.sku(), l.quantity())).toList();
        if (missing.isEmpty()) return Optional.of(new TransferSourcing.Sourcing(Map.of(), Map.of(), Map.of(), null));
        return sourcing != null ? sourcing.source(orderId, missing, pickup.id())
                : mostUnits(missing, pickup, levels, java.util.Set.of());
    }

    /** Where lines a refusing source was to send come from now: never a place in {@code refusedBy} or {@code leftOut}. */
    Optional<TransferSourcing.Sourcing> sourceAgain(String orderId, List<TransferSourcing.Need> lines, Store pickup,
                                                    java.util.Set<String> refusedBy, java.util.Set<String> leftOut) {
        if (sourcing != null) return sourcing.source(orderId, lines, pickup.id(), refusedBy, leftOut);
        var levels = new HashMap<String, List<StockLevel>>();
        for (var line : lines) levels.put(line.sku(), stock.levels(line.sku()));
        var excluded = new java.util.HashSet<>(refusedBy);
        excluded.addAll(leftOut);
        return mostUnits(lines, pickup, levels, excluded);
    }

    /** Ready at the pickup store once the slowest transfer arrives. */
    Instant readyBy(TransferSourcing.Sourcing sourcing, Store pickup, Instant now) {
        Duration slowest = Duration.ZERO;
        for (var source : sourcing.sourceBySku().values()) {
            var transfer = StockLevel.WEB.equals(source) ? policy.transferFromWeb() : policy.transferFromStore();
            if (transfer.compareTo(slowest) > 0) slowest = transfer;
        }
        return policy.readyBy(pickup, now.plus(slowest));
    }

    /** Without routing: each missing line from the web warehouse, else the store with the most units. */
    private static Optional<TransferSourcing.Sourcing> mostUnits(List<TransferSourcing.Need> missing, Store pickup,
                                                                 Map<String, List<StockLevel>> levels,
                                                                 java.util.Set<String> excluded) {
        var sources = new LinkedHashMap<String, String>();
        for (var line : missing) {
            var source = levels.get(line.sku()).stream().filter(l -> !l.location().equals(pickup.id()))
                    .filter(l -> !excluded.contains(l.location()))
                    .filter(l -> l.available() >= line.quantity())
                    .max(Comparator.comparing((StockLevel l) -> l.isWeb()).thenComparing(StockLevel::available));
            if (source.isEmpty()) return Optional.empty();
            sources.put(line.sku(), source.get().location());
        }
        return Optional.of(new TransferSourcing.Sourcing(sources, Map.of(), Map.of(), null));
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
