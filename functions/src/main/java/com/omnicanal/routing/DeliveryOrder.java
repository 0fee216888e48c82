package com.omnicanal.routing;

import java.time.Instant;
import java.util.List;

/**
 * An order delivered to the customer's address, shipped by the places routing chose: one or several shipments, and the
 * lines that wait for stock. The card is pre-authorized; each shipment's share is captured when it leaves.
 *
 * @param shipmentIds every shipment it ever had, rejected ones included
 * @param decisions   how many routing decisions were taken for it
 * @param soldBy the store and staff member who sold it in store for the customer in front of them (endless aisle), or null
 */
public record DeliveryOrder(String id, String customerId, List<Line> lines, Address address, DeliveryOption option,
                            boolean oneParcel, Contact contact, String paymentAuthorization, int totalCents,
                            Status status, List<RoutingRequest.Line> waiting, List<String> shipmentIds,
                            int decisions, SoldBy soldBy, Instant createdAt, Instant updatedAt) {

    public record Line(String sku, String productName, int quantity, int unitPriceCents) {
    }

    /** Where it goes; the storefront may send the address's coordinates, else the postcode's département places it. */
    public record Address(String name, String street, String postcode, String city, String country, Double latitude,
                          Double longitude) {
    }

    public record Contact(String name, String email, String phone) {
    }

    public record SoldBy(String storeId, String staffId) {
    }

    public enum DeliveryOption { STANDARD, EXPRESS }

    public enum Status {
        /** Every line is in a shipment on its way through a place's queue. */
        IN_FULFILMENT,
        /** Some lines (or all) wait for stock somewhere. */
        AWAITING_STOCK,
        /** Every shipment was handed to the carrier. */
        SHIPPED,
        CANCELLED
    }

    public DeliveryOrder {
        lines = List.copyOf(lines);
        waiting = waiting == null ? List.of() : List.copyOf(waiting);
        shipmentIds = shipmentIds == null ? List.of() : List.copyOf(shipmentIds);
    }

    public DeliveryOrder with(Status next, List<RoutingRequest.Line> stillWaiting, Instant now) {
        return new DeliveryOrder(id, customerId, lines, address, option, oneParcel, contact, paymentAuthorization,
                totalCents, next, stillWaiting, shipmentIds, decisions, soldBy, createdAt, now);
    }

    /** After one more routing decision that offered these shipments. */
    public DeliveryOrder routed(List<Shipment> offered) {
        var ids = new java.util.ArrayList<>(shipmentIds);
        offered.forEach(s -> ids.add(s.id()));
        return new DeliveryOrder(id, customerId, lines, address, option, oneParcel, contact, paymentAuthorization,
                totalCents, status, waiting, ids, decisions + 1, soldBy, createdAt, updatedAt);
    }

    /** What a set of lines costs, at the prices of this order. */
    public int priceOf(List<RoutingRequest.Line> some) {
        int cents = 0;
        for (var line : some) {
            cents += lines.stream().filter(l -> l.sku().equals(line.sku())).mapToInt(Line::unitPriceCents).findFirst()
                    .orElseThrow() * line.quantity();
        }
        return cents;
    }

    public String productName(String sku) {
        return lines.stream().filter(l -> l.sku().equals(sku)).map(Line::productName).findFirst().orElse(sku);
    }
}
