package com.omnicanal.routing;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * How orders are routed, as ops set it: every change is a new version, and each routing decision names the version it
 * followed. Safety stock and daily capacity have a default per kind of place and an override per location.
 *
 * @param maxShipments      at most this many parcels per order (1 to {@value #MAX_SHIPMENTS})
 * @param allowPartial      when no set of places can serve every line, ship what can be served and let the rest wait;
 *                          when false the whole order waits
 * @param sorts             how eligible places are ranked, first criterion first (each used once)
 */
public record RoutingRules(Integer version, Integer maxShipments, Boolean allowPartial, Integer storeSafetyStock,
                           Integer warehouseSafetyStock, Map<String, Integer> safetyStockByLocation,
                           Integer storeDailyCapacity, Map<String, Integer> dailyCapacityByStore, List<Sort> sorts,
                           Instant setAt, String setBy) {
    public static final int MAX_SHIPMENTS = 4;

    /** The criteria a place is ranked by. */
    public enum Sort {
        /** Nearest to the delivery address (or pickup store) first. */
        DISTANCE,
        /** Most units of the ordered SKUs above safety stock first: the last units of a place are kept for its own customers. */
        STOCK_DEPTH,
        /** Fewest rejections per shipment offered, this calendar month and the last, first. */
        REJECTION_RATE
    }

    /** What applies before ops set anything: one unit kept in each store, ten shipments a day, nearest first. */
    public static RoutingRules defaults() {
        return new RoutingRules(0, 3, true, 1, 0, Map.of(), 10, Map.of(),
                List.of(Sort.DISTANCE, Sort.STOCK_DEPTH, Sort.REJECTION_RATE), null, null);
    }

    public RoutingRules {
        // copies that keep a null sent by ops, so validate() names it instead of a NullPointerException
        safetyStockByLocation = safetyStockByLocation == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(safetyStockByLocation));
        dailyCapacityByStore = dailyCapacityByStore == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(dailyCapacityByStore));
        sorts = sorts == null ? null : Collections.unmodifiableList(new ArrayList<>(sorts));
    }

    /** Units of a SKU a place keeps for itself: routing never takes its available stock below this. */
    public int safetyStock(Candidate place) {
        return safetyStockByLocation.getOrDefault(place.locationId(),
                place.kind() == Candidate.Kind.WAREHOUSE ? warehouseSafetyStock : storeSafetyStock);
    }

    /** Shipments a place takes per day; the warehouse has no cap unless ops set one. */
    public int dailyCapacity(Candidate place) {
        var set = dailyCapacityByStore.get(place.locationId());
        if (set != null) return set;
        return place.kind() == Candidate.Kind.WAREHOUSE ? Integer.MAX_VALUE : storeDailyCapacity;
    }

    /** The same rules as the next version, set by ops at that time. */
    public RoutingRules asVersion(int next, Instant at, String by) {
        return new RoutingRules(next, maxShipments, allowPartial, storeSafetyStock, warehouseSafetyStock,
                safetyStockByLocation, storeDailyCapacity, dailyCapacityByStore, sorts, at, by);
    }

    /** What ops sent, checked whole: bad rules change nothing. */
    public void validate() {
        var violations = new ArrayList<DomainException.Violation>();
        if (maxShipments == null || maxShipments < 1 || maxShipments > MAX_SHIPMENTS) {
            violations.add(new DomainException.Violation("maxShipments", "is required, between 1 and " + MAX_SHIPMENTS));
        }
        if (allowPartial == null) violations.add(new DomainException.Violation("allowPartial", "is required"));
        range(violations, "storeSafetyStock", storeSafetyStock, 0, 1000);
        range(violations, "warehouseSafetyStock", warehouseSafetyStock, 0, 1000);
        range(violations, "storeDailyCapacity", storeDailyCapacity, 0, 100_000);
        safetyStockByLocation.forEach((location, units) ->
                range(violations, "safetyStockByLocation." + location, units, 0, 1000));
        dailyCapacityByStore.forEach((location, units) ->
                range(violations, "dailyCapacityByStore." + location, units, 0, 100_000));
        if (sorts == null || sorts.isEmpty()) {
            violations.add(new DomainException.Violation("sorts", "needs at least one criterion"));
        } else if (new HashSet<>(sorts).size() != sorts.size() || sorts.stream().anyMatch(Objects::isNull)) {
            violations.add(new DomainException.Violation("sorts", "names each of " + EnumSet.allOf(Sort.class) + " at most once"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
    }

    private static void range(List<DomainException.Violation> violations, String field, Integer value, int min, int max) {
        if (value == null || value < min || value > max) {
            violations.add(new DomainException.Violation(field, "is required, between " + min + " and " + max));
        }
    }
}
