package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.order.TransferSourcing.Need;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DemoCatalog;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where a pickup store's missing lines are transferred from: routing's engine with the pickup store as destination. */
@Tag("fast")
class TransferRoutingTest {
    static final String RIVOLI = "paris-rivoli";
    static final String SAINT_GERMAIN = "paris-saint-germain";
    static final String LYON = "lyon-republique";
    static final String LILLE = "lille-neuve";
    static final String TEE = "TSH-COT-BLU-M";
    static final String LINEN = "VES-LIN-BEI-M";

    /** A case: the stock per SKU and place, the shipments each place already has today, what is missing, the sources expected (empty: none). */
    record Case(String name, Map<String, Map<String, Integer>> stock, Map<String, Integer> shipmentsToday, List<Need> missing,
                Optional<Map<String, String>> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                new Case("the nearest store above its safety stock", Map.of(LINEN, Map.of(SAINT_GERMAIN, 2, "WEB", 5, LYON, 9)),
                        Map.of(), List.of(new Need(LINEN, 1)), Optional.of(Map.of(LINEN, SAINT_GERMAIN))),
                new Case("never the pickup store itself, whatever it holds", Map.of(LINEN, Map.of(RIVOLI, 9, "WEB", 1)),
                        Map.of(), List.of(new Need(LINEN, 1)), Optional.of(Map.of(LINEN, "WEB"))),
                new Case("a store at its safety stock is passed over", Map.of(LINEN, Map.of(SAINT_GERMAIN, 1, "WEB", 2)),
                        Map.of(), List.of(new Need(LINEN, 1)), Optional.of(Map.of(LINEN, "WEB"))),
                new Case("a store at its day's capacity is passed over", Map.of(LINEN, Map.of(SAINT_GERMAIN, 5, LILLE, 5)),
                        Map.of(SAINT_GERMAIN, 10), List.of(new Need(LINEN, 1)), Optional.of(Map.of(LINEN, LILLE))),
                new Case("two lines from the place that has both", Map.of(LINEN, Map.of(LYON, 3, "WEB", 2),
                        TEE, Map.of(LYON, 3, SAINT_GERMAIN, 3)), Map.of(),
                        List.of(new Need(LINEN, 1), new Need(TEE, 1)), Optional.of(Map.of(LINEN, LYON, TEE, LYON))),
                new Case("two lines split when no place has both", Map.of(LINEN, Map.of("WEB", 2),
                        TEE, Map.of(SAINT_GERMAIN, 3)), Map.of(),
                        List.of(new Need(LINEN, 2), new Need(TEE, 1)), Optional.of(Map.of(LINEN, "WEB", TEE, SAINT_GERMAIN))),
                new Case("a line nobody can send: no transfer at all", Map.of(LINEN, Map.of("WEB", 2), TEE, Map.of(LYON, 1)),
                        Map.of(), List.of(new Need(LINEN, 1), new Need(TEE, 1)), Optional.empty()),
                new Case("not enough anywhere for the quantity", Map.of(LINEN, Map.of("WEB", 2, SAINT_GERMAIN, 3)),
                        Map.of(), List.of(new Need(LINEN, 3)), Optional.empty()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sourcesEachMissingLine(Case c) {
        var routing = routing(c.stock(), c.shipmentsToday());

        var sourcing = routing.source("order-1", c.missing(), RIVOLI);

        assertThat(sourcing.map(s -> s.sourceBySku())).isEqualTo(c.expected());
        sourcing.ifPresent(s -> {
            assertThat(s.decision()).isInstanceOf(RoutingDecision.class);
            var decision = (RoutingDecision) s.decision();
            assertThat(decision.candidates()).extracting(RoutingDecision.Verdict::locationId).doesNotContain(RIVOLI);
            s.sourceBySku().values().forEach(source ->
                    assertThat(s.safetyStockBySource()).containsEntry(source, "WEB".equals(source) ? 0 : 1));
        });
    }

    /** A refusal case: the stock, the places that refused this order, those already sending it something, the source expected. */
    record Refusal(String name, Map<String, Integer> linen, Set<String> refusedBy, Set<String> leftOut,
                   Optional<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                new Refusal("the refuser is passed over for the next nearest", Map.of(SAINT_GERMAIN, 5, LILLE, 5, "WEB", 5),
                        Set.of(SAINT_GERMAIN), Set.of(), Optional.of(LILLE)),
                new Refusal("every store that refused this order is passed over", Map.of(SAINT_GERMAIN, 5, LILLE, 5, "WEB", 5),
                        Set.of(SAINT_GERMAIN, LILLE), Set.of(), Optional.of("WEB")),
                new Refusal("the warehouse refusing leaves a store", Map.of(LYON, 5, "WEB", 9), Set.of("WEB"), Set.of(),
                        Optional.of(LYON)),
                new Refusal("a place already sending this order something is not asked again", Map.of(SAINT_GERMAIN, 5,
                        LILLE, 5, "WEB", 5), Set.of(SAINT_GERMAIN), Set.of(LILLE), Optional.of("WEB")),
                new Refusal("the refuser was the only one with the units: no place left", Map.of(SAINT_GERMAIN, 9),
                        Set.of(SAINT_GERMAIN), Set.of(), Optional.empty()),
                new Refusal("the only other place is at its safety stock: no place left", Map.of(SAINT_GERMAIN, 9, LILLE, 1),
                        Set.of(SAINT_GERMAIN), Set.of(), Optional.empty()))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void routesAgainAfterARefusalNeverToARefuser(Refusal c) {
        var routing = routing(Map.of(LINEN, c.linen()), Map.of());

        var sourcing = routing.source("order-1", List.of(new Need(LINEN, 1)), RIVOLI, c.refusedBy(), c.leftOut());

        assertThat(sourcing.map(s -> s.sourceBySku().get(LINEN))).isEqualTo(c.expected());
        sourcing.ifPresent(s -> {
            var decision = (RoutingDecision) s.decision();
            // a refuser is shown, excluded by the rejection filter; a place left out is no candidate at all
            assertThat(decision.candidates()).filteredOn(v -> c.refusedBy().contains(v.locationId()))
                    .extracting(RoutingDecision.Verdict::excludedBy).containsOnly(RoutingDecision.Filter.REJECTED_THIS_ORDER);
            assertThat(decision.candidates()).extracting(RoutingDecision.Verdict::locationId).doesNotContain(RIVOLI)
                    .noneMatch(c.leftOut()::contains);
            assertThat(s.capacityOf(c.expected().orElseThrow())).isEqualTo("WEB".equals(c.expected().get()) ? Integer.MAX_VALUE : 10);
        });
    }

    /** The engine over the demo catalogue, this stock and these loads, under the default rules. */
    static TransferRouting routing(Map<String, Map<String, Integer>> stock, Map<String, Integer> shipmentsToday) {
        var catalog = DemoCatalog.inMemory();
        var clock = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
        var places = new CatalogShippingPlaces(catalog, new GeoPoint(47.3220, 5.0415));
        var rules = new SettingRoutingRules(new NoRulesSet(), clock);
        var planning = new ShipmentPlanning(places, new FixedStock(stock), loads(shipmentsToday), rules, clock);
        return new TransferRouting(catalog, places, planning, clock);
    }

    /** The places' load: only what the case says, every other query is not routing's business here. */
    static Deliveries loads(Map<String, Integer> shipmentsToday) {
        return (Deliveries) Proxy.newProxyInstance(Deliveries.class.getClassLoader(), new Class<?>[] {Deliveries.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("loads")) throw new UnsupportedOperationException(method.getName());
                    var loads = new LinkedHashMap<String, Deliveries.Load>();
                    shipmentsToday.forEach((place, n) -> loads.put(place, new Deliveries.Load(n, 0.0)));
                    return loads;
                });
    }

    static final class NoRulesSet implements RoutingRulesBook {
        @Override
        public Optional<RoutingRules> current() {
            return Optional.empty();
        }

        @Override
        public List<RoutingRules> versions() {
            return List.of();
        }

        @Override
        public boolean publish(RoutingRules next, int previousVersion) {
            return false;
        }
    }

    /** Stock as the case states it, nothing held. */
    record FixedStock(Map<String, Map<String, Integer>> units) implements StockLedger {
        @Override
        public List<StockLevel> levels(String sku) {
            var levels = new ArrayList<StockLevel>();
            units.getOrDefault(sku, Map.of()).forEach((place, n) -> levels.add(new StockLevel(sku, place, n, 0)));
            return levels;
        }

        @Override
        public Map<String, List<StockLevel>> levels(Collection<String> skus) {
            var bySku = new LinkedHashMap<String, List<StockLevel>>();
            for (var sku : skus) if (units.containsKey(sku)) bySku.put(sku, levels(sku));
            return bySku;
        }

        @Override
        public long lastAppliedFeed(String storeId) {
            return -1;
        }

        @Override
        public CountOutcome applyCount(String storeId, long feedSequence, String sku, int onHand) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordFeed(String storeId, long feedSequence) {
            throw new UnsupportedOperationException();
        }
    }
}
