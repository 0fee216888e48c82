package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.routing.Candidate.Kind;
import com.omnicanal.routing.RoutingDecision.Filter;
import com.omnicanal.routing.RoutingDecision.Outcome;
import com.omnicanal.routing.RoutingRequest.Line;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Where orders go, case by case: each row is a situation a person can check on a map of France. */
@Tag("fast")
class RoutingEngineTest {
    // a customer in central Paris; stores at known distances from there
    static final GeoPoint CUSTOMER = new GeoPoint(48.8566, 2.3522);
    static final GeoPoint PARIS = new GeoPoint(48.8606, 2.3376);       // ~1 km
    static final GeoPoint VERSAILLES = new GeoPoint(48.8049, 2.1204);  // ~18 km
    static final GeoPoint LYON = new GeoPoint(45.7640, 4.8357);        // ~392 km
    static final GeoPoint WAREHOUSE_AT = new GeoPoint(47.3220, 5.0415); // Dijon, ~263 km

    static Candidate store(String id, GeoPoint at, Map<String, Integer> stock) {
        return new Candidate(id, Kind.STORE, id, at, stock, 0, 0.0);
    }

    static Candidate warehouse(Map<String, Integer> stock) {
        return new Candidate("WEB", Kind.WAREHOUSE, "Entrepôt web", WAREHOUSE_AT, stock, 0, 0.0);
    }

    static RoutingRequest order(Line... lines) {
        return new RoutingRequest("o-1", List.of(lines), CUSTOMER, false, Set.of());
    }

    static RoutingRules rules(int maxShipments) {
        var d = RoutingRules.defaults();
        return new RoutingRules(1, maxShipments, true, 1, 0, Map.of(), 10, Map.of(), d.sorts(), null, null);
    }

    /** (case, request, candidates, rules, expected shipments "place:sku,sku" in order, expected waiting SKUs, outcome) */
    static Stream<Arguments> cases() {
        var a = new Line("A", 1);
        var b = new Line("B", 2);
        return Stream.of(
                Arguments.of("nearest store with everything wins",
                        order(a, b), List.of(store("lyon", LYON, Map.of("A", 5, "B", 5)),
                                store("paris", PARIS, Map.of("A", 5, "B", 5)), warehouse(Map.of("A", 50, "B", 50))),
                        rules(3), List.of("paris:A,B"), List.of(), Outcome.ROUTED),
                Arguments.of("one place beats two nearer ones: fewest shipments first",
                        order(a, b), List.of(store("paris", PARIS, Map.of("A", 5)), store("versailles", VERSAILLES, Map.of("B", 5)),
                                warehouse(Map.of("A", 50, "B", 50))),
                        rules(3), List.of("WEB:A,B"), List.of(), Outcome.ROUTED),
                Arguments.of("split when no single place has every line, nearest pair",
                        order(a, b), List.of(store("paris", PARIS, Map.of("A", 5)), store("lyon", LYON, Map.of("B", 5)),
                                warehouse(Map.of("B", 50))),
                        rules(3), List.of("paris:A", "WEB:B"), List.of(), Outcome.SPLIT),
                Arguments.of("safety stock: the store's last unit is not shipped",
                        order(a), List.of(store("paris", PARIS, Map.of("A", 1)), store("lyon", LYON, Map.of("A", 2))),
                        rules(3), List.of("lyon:A"), List.of(), Outcome.ROUTED),
                Arguments.of("a line nobody has above safety stock waits, the rest ships",
                        order(a, new Line("C", 1)), List.of(store("paris", PARIS, Map.of("A", 3, "C", 1))),
                        rules(3), List.of("paris:A"), List.of("C"), Outcome.PARTIAL),
                Arguments.of("maximum one shipment: the place that ships the most units, the rest waits",
                        order(a, b), List.of(store("paris", PARIS, Map.of("A", 5)), store("lyon", LYON, Map.of("B", 5))),
                        rules(1), List.of("lyon:B"), List.of("A"), Outcome.PARTIAL),
                Arguments.of("nothing anywhere: the order waits",
                        order(a), List.of(store("paris", PARIS, Map.of())), rules(3), List.of(), List.of("A"), Outcome.WAITING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void routesAsTheRulesSay(String name, RoutingRequest request, List<Candidate> candidates, RoutingRules rules,
                             List<String> shipments, List<String> waiting, Outcome outcome) {
        var decision = new RoutingEngine().route(request, candidates, rules);

        assertThat(decision.shipments().stream().map(s -> s.locationId() + ":"
                + s.lines().stream().map(Line::sku).collect(Collectors.joining(","))).toList()).isEqualTo(shipments);
        assertThat(decision.waiting().stream().map(Line::sku).toList()).isEqualTo(waiting);
        assertThat(decision.outcome()).isEqualTo(outcome);
        assertThat(decision.candidates()).hasSize(candidates.size());
        assertThat(decision.rulesVersion()).isEqualTo(rules.version());
    }

    @Test
    void oneParcelAskedWaitsRatherThanSplit() {
        var request = new RoutingRequest("o-1", List.of(new Line("A", 1), new Line("B", 1)), CUSTOMER, true, Set.of());
        var decision = new RoutingEngine().route(request,
                List.of(store("paris", PARIS, Map.of("A", 5)), store("lyon", LYON, Map.of("B", 5))), rules(3));

        assertThat(decision.outcome()).isEqualTo(Outcome.WAITING);
        assertThat(decision.shipments()).isEmpty();
        assertThat(decision.waiting()).extracting(Line::sku).containsExactly("A", "B");
        assertThat(decision.reason()).contains("one parcel");
    }

    @Test
    void oneParcelAskedShipsFromAPlaceWithEverything() {
        var request = new RoutingRequest("o-1", List.of(new Line("A", 1), new Line("B", 1)), CUSTOMER, true, Set.of());
        var decision = new RoutingEngine().route(request, List.of(store("paris", PARIS, Map.of("A", 5)),
                store("lyon", LYON, Map.of("A", 5, "B", 5))), rules(3));

        assertThat(decision.shipments()).extracting(RoutingDecision.Shipment::locationId).containsExactly("lyon");
    }

    @Test
    void eachExcludedPlaceCarriesTheFilterThatExcludedIt() {
        var full = new Candidate("full", Kind.STORE, "full", VERSAILLES, Map.of("A", 5), 10, 0.0);
        var rejected = store("rejected", PARIS, Map.of("A", 5));
        var empty = store("empty", PARIS, Map.of("A", 1));
        var winner = store("lyon", LYON, Map.of("A", 5));
        var request = new RoutingRequest("o-1", List.of(new Line("A", 1)), CUSTOMER, false, Set.of("rejected"));

        var decision = new RoutingEngine().route(request, List.of(full, rejected, empty, winner), rules(3));

        var byPlace = decision.candidates().stream().collect(Collectors.toMap(RoutingDecision.Verdict::locationId, v -> v));
        assertThat(byPlace.get("full").excludedBy()).isEqualTo(Filter.DAILY_CAPACITY);
        assertThat(byPlace.get("rejected").excludedBy()).isEqualTo(Filter.REJECTED_THIS_ORDER);
        assertThat(byPlace.get("empty").excludedBy()).isEqualTo(Filter.SAFETY_STOCK);
        assertThat(byPlace.get("lyon").excludedBy()).isNull();
        assertThat(byPlace.get("lyon").chosen()).isTrue();
        assertThat(byPlace.get("lyon").rank()).isZero();
        assertThat(byPlace.get("full").distanceKm()).isBetween(15.0, 20.0);
    }

    @Test
    void theSortsOpsChooseRankThePlaces() {
        var near = new Candidate("near", Kind.STORE, "near", PARIS, Map.of("A", 3), 0, 0.5);
        var deep = new Candidate("deep", Kind.STORE, "deep", LYON, Map.of("A", 40), 0, 0.0);
        var request = order(new Line("A", 1));
        var d = RoutingRules.defaults();
        var byDepth = new RoutingRules(1, 3, true, 1, 0, Map.of(), 10, Map.of(),
                List.of(RoutingRules.Sort.STOCK_DEPTH, RoutingRules.Sort.DISTANCE), null, null);
        var byRejections = new RoutingRules(1, 3, true, 1, 0, Map.of(), 10, Map.of(),
                List.of(RoutingRules.Sort.REJECTION_RATE), null, null);

        assertThat(new RoutingEngine().route(request, List.of(near, deep), rules(3)).shipments().get(0).locationId())
                .isEqualTo("near");
        assertThat(new RoutingEngine().route(request, List.of(near, deep), byDepth).shipments().get(0).locationId())
                .isEqualTo("deep");
        assertThat(new RoutingEngine().route(request, List.of(near, deep), byRejections).shipments().get(0).locationId())
                .isEqualTo("deep");
        assertThat(d.sorts().get(0)).isEqualTo(RoutingRules.Sort.DISTANCE);
    }

    @Test
    void opsSetSafetyStockAndCapacityPerLocation() {
        var paris = store("paris", PARIS, Map.of("A", 5));
        var lyon = new Candidate("lyon", Kind.STORE, "lyon", LYON, Map.of("A", 5), 3, 0.0);
        var keepFiveInParis = new RoutingRules(1, 3, true, 1, 0, Map.of("paris", 5), 10, Map.of("lyon", 4),
                RoutingRules.defaults().sorts(), null, null);

        var decision = new RoutingEngine().route(order(new Line("A", 1)), List.of(paris, lyon), keepFiveInParis);

        assertThat(decision.shipments()).extracting(RoutingDecision.Shipment::locationId).containsExactly("lyon");
        var lyonFull = new Candidate("lyon", Kind.STORE, "lyon", LYON, Map.of("A", 5), 4, 0.0);
        assertThat(new RoutingEngine().route(order(new Line("A", 1)), List.of(paris, lyonFull), keepFiveInParis).outcome())
                .isEqualTo(Outcome.WAITING);
    }

    @Test
    void partialOffMakesTheWholeOrderWait() {
        var noPartial = new RoutingRules(1, 3, false, 1, 0, Map.of(), 10, Map.of(), RoutingRules.defaults().sorts(),
                null, null);
        var decision = new RoutingEngine().route(order(new Line("A", 1), new Line("C", 1)),
                List.of(store("paris", PARIS, Map.of("A", 5))), noPartial);

        assertThat(decision.outcome()).isEqualTo(Outcome.WAITING);
        assertThat(decision.waiting()).hasSize(2);
    }
}
