package com.omnicanal.routing;

import com.omnicanal.shared.Ids;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;

/**
 * Routes lines of a delivery order against the stock, the places' load and the rules in force now, and turns the
 * decision into shipments offered to the places chosen. Reads only: the caller writes the plan in one transaction.
 */
final class ShipmentPlanning {
    private final ShippingPlaces places;
    private final StockLedger stock;
    private final Deliveries deliveries;
    private final SettingRoutingRules rules;
    private final RoutingEngine engine = new RoutingEngine();
    private final Clock clock;

    ShipmentPlanning(ShippingPlaces places, StockLedger stock, Deliveries deliveries, SettingRoutingRules rules, Clock clock) {
        this.places = places;
        this.stock = stock;
        this.deliveries = deliveries;
        this.rules = rules;
        this.clock = clock;
    }

    record Plan(RoutingDecision decision, List<Deliveries.Allocation> allocations, LocalDate day) {
        List<RoutingRequest.Line> waiting() {
            return decision.waiting();
        }
    }

    /** Every place that ships, but those left out, with its stock of these lines and its load today. */
    List<Candidate> candidates(List<RoutingRequest.Line> lines, LocalDate day, Set<String> leftOut) {
        var all = places.places().stream().filter(p -> !leftOut.contains(p.id())).toList();
        var levels = stock.levels(lines.stream().map(RoutingRequest.Line::sku).toList());
        var loads = deliveries.loads(all.stream().map(ShippingPlaces.Place::id).toList(), day);
        var candidates = new ArrayList<Candidate>();
        for (var place : all) {
            var available = new HashMap<String, Integer>();
            for (var line : lines) {
                available.put(line.sku(), levels.getOrDefault(line.sku(), List.of()).stream()
                        .filter(l -> l.location().equals(place.id())).mapToInt(StockLevel::available).sum());
            }
            var load = loads.getOrDefault(place.id(), Deliveries.Load.NONE);
            candidates.add(new Candidate(place.id(), place.kind(), place.name(), place.at(), available,
                    load.shipmentsToday(), load.rejectionRate()));
        }
        return candidates;
    }

    RoutingRules inForce() {
        return rules.inForce();
    }

    RoutingDecision route(RoutingRequest request, List<Candidate> candidates, RoutingRules inForce) {
        return engine.route(request, candidates, inForce);
    }

    /**
     * {@code paidCents}: what these lines are to be paid in money (the order's amount due, or a rejected parcel's
     * share), shared over the parcels pro rata of their price, the waiting lines keeping theirs: each hand-over captures
     * its parcel's share, and the captures never add up to more than the card was authorised for.
     */
    Plan plan(DeliveryOrder order, List<RoutingRequest.Line> lines, Set<String> rejectedBy, GeoPoint destination,
              Instant now, int paidCents) {
        var inForce = rules.inForce();
        var day = com.omnicanal.shared.RetailDay.of(now);
        var candidates = candidates(lines, day, Set.of());
        var request = new RoutingRequest(order.id(), lines, destination, order.oneParcel(), rejectedBy);
        var decision = engine.route(request, candidates, inForce);
        var byId = new HashMap<String, Candidate>();
        candidates.forEach(c -> byId.put(c.locationId(), c));
        var gross = new int[decision.shipments().size() + 1];
        for (int i = 0; i < decision.shipments().size(); i++) gross[i] = order.priceOf(decision.shipments().get(i).lines());
        gross[gross.length - 1] = order.priceOf(decision.waiting());
        var paid = DeliveryOrder.shares(paidCents, gross);
        var allocations = new ArrayList<Deliveries.Allocation>();
        for (int i = 0; i < decision.shipments().size(); i++) {
            var parcel = decision.shipments().get(i);
            var place = byId.get(parcel.locationId());
            var shipment = new Shipment(Ids.newId(), order.id(), order.customerId(), place.locationId(), place.kind(),
                    parcel.lines(), paid[i], Shipment.Status.OFFERED, null, null, now, now,
                    List.of(new Shipment.Event(Shipment.Status.OFFERED.name(), now, "routing", null)));
            allocations.add(new Deliveries.Allocation(shipment, inForce.safetyStock(place), inForce.dailyCapacity(place)));
        }
        return new Plan(decision, allocations, day);
    }
}
