package com.omnicanal.routing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.stock.StockLedger;
import java.time.Clock;

/**
 * Home delivery's use cases, built together over the same ports: placing, reading, the rules ops set, the places'
 * queues, cancelling; and the routing of click-and-collect's transfers.
 */
public record HomeDelivery(PlacingDeliveryOrders placing, ReadingDeliveries reading, SettingRoutingRules rules,
                           FulfillingShipments fulfilling, TransferRouting transfers,
                           CancellingDeliveryOrders cancelling) {

    public static HomeDelivery of(Catalog catalog, StockLedger stock, ShippingPlaces places, Deliveries deliveries,
                                  RoutingRulesBook book, Clock clock) {
        var rules = new SettingRoutingRules(book, clock);
        var planning = new ShipmentPlanning(places, stock, deliveries, rules, clock);
        return new HomeDelivery(new PlacingDeliveryOrders(catalog, deliveries, planning, clock),
                new ReadingDeliveries(deliveries), rules, new FulfillingShipments(deliveries, places, planning, clock),
                new TransferRouting(catalog, places, planning, clock),
                new CancellingDeliveryOrders(deliveries, clock));
    }
}
