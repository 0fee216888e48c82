package com.omnicanal.routing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.TransferSourcing;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where the lines a pickup store lacks are transferred from: the routing engine on the places that ship (never the
 * pickup store itself), with the pickup store as the destination, under the rules in force (safety stock, capacity,
 * sorts). A line nobody can send above its safety stock means no transfer: the order is not promised on it. Routed
 * again after a refusal, the places that refused this order are filtered out as for a rejected shipment.
 */
public final class TransferRouting implements TransferSourcing {
    private final Catalog catalog;
    private final ShippingPlaces places;
    private final ShipmentPlanning planning;
    private final Clock clock;

    TransferRouting(Catalog catalog, ShippingPlaces places, ShipmentPlanning planning, Clock clock) {
        this.catalog = catalog;
        this.places = places;
        this.planning = planning;
        this.clock = clock;
    }

    @Override
    public Optional<Sourcing> source(String orderId, List<Need> missing, String pickupStoreId, Set<String> refusedBy,
                                     Set<String> leftOut) {
        var store = catalog.store(pickupStoreId).orElseThrow();
        // a store without coordinates is placed at the warehouse: distance then ranks nothing, the other sorts decide
        var destination = store.coordinates() != null
                ? new GeoPoint(store.coordinates().latitude(), store.coordinates().longitude())
                : places.places().get(0).at();
        var lines = missing.stream().map(n -> new RoutingRequest.Line(n.sku(), n.quantity())).toList();
        var inForce = planning.inForce();
        var excluded = new HashSet<>(leftOut);
        excluded.add(pickupStoreId);
        var candidates = planning.candidates(lines, com.omnicanal.shared.RetailDay.of(clock.instant()), excluded);
        var decision = planning.route(new RoutingRequest(orderId == null ? "preview" : orderId, lines, destination, false,
                refusedBy), candidates, inForce);
        if (!decision.waiting().isEmpty()) return Optional.empty();
        var sources = new HashMap<String, String>();
        var safety = new HashMap<String, Integer>();
        var capacity = new HashMap<String, Integer>();
        for (var shipment : decision.shipments()) {
            var place = candidates.stream().filter(c -> c.locationId().equals(shipment.locationId())).findFirst().orElseThrow();
            safety.put(place.locationId(), inForce.safetyStock(place));
            capacity.put(place.locationId(), inForce.dailyCapacity(place));
            shipment.lines().forEach(l -> sources.put(l.sku(), shipment.locationId()));
        }
        return Optional.of(new Sourcing(sources, safety, capacity, decision));
    }
}
