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
 * @param discount the part paid with the customer's points code, or null: the card is authorised for the rest
 */
public record DeliveryOrder(String id, String customerId, List<Line> lines, Address address, DeliveryOption option,
                            boolean oneParcel, Contact contact, String paymentAuthorization, int totalCents,
                            Status status, List<RoutingRequest.Line> waiting, List<String> shipmentIds,
                            int decisions, SoldBy soldBy, Instant createdAt, Instant updatedAt, Discount discount) {

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

    /** Part of the order paid with the customer's points reward code (used when the order is placed). */
    public record Discount(String code, long points, int amountCents) {
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
                totalCents, next, stillWaiting, shipmentIds, decisions, soldBy, createdAt, now, discount);
    }

    /** After one more routing decision that offered these shipments. */
    public DeliveryOrder routed(List<Shipment> offered) {
        var ids = new java.util.ArrayList<>(shipmentIds);
        offered.forEach(s -> ids.add(s.id()));
        return new DeliveryOrder(id, customerId, lines, address, option, oneParcel, contact, paymentAuthorization,
                totalCents, status, waiting, ids, decisions + 1, soldBy, createdAt, updatedAt, discount);
    }

    /** The same order, paid partly with a points code (null: in money only, as when its code was given back). */
    public DeliveryOrder withDiscount(Discount points) {
        return new DeliveryOrder(id, customerId, lines, address, option, oneParcel, contact, paymentAuthorization,
                totalCents, status, waiting, shipmentIds, decisions, soldBy, createdAt, updatedAt, points);
    }

    /** Placed for a guest (no customer account): nobody's loyalty, nobody's list. */
    public boolean byGuest() {
        return com.omnicanal.shared.Ids.isGuest(customerId);
    }

    /** What is paid in money: the lines' total less the points discount; the shipments' captures add up to it. */
    public int amountDueCents() {
        return totalCents - (discount == null ? 0 : discount.amountCents());
    }

    /**
     * {@code amount} shared pro rata of {@code gross} (each parcel's price, and the waiting lines' as one more share),
     * the cents left by rounding down given to the largest remainders: the shares add up to {@code amount}, and are the
     * gross prices themselves when nothing is off.
     */
    public static int[] shares(int amount, int[] gross) {
        long sum = 0;
        for (int g : gross) sum += g;
        final long total = sum;
        var shares = new int[gross.length];
        if (total == 0) return shares;
        long given = 0;
        var byRemainder = new java.util.ArrayList<Integer>();
        for (int i = 0; i < gross.length; i++) {
            shares[i] = (int) (amount * (long) gross[i] / total);
            given += shares[i];
            byRemainder.add(i);
        }
        byRemainder.sort(java.util.Comparator.comparingLong((Integer i) -> amount * (long) gross[i] % total).reversed()
                .thenComparing(i -> i));
        for (int k = 0; k < amount - given; k++) shares[byRemainder.get(k)]++;
        return shares;
    }

    /**
     * What each line of a shipment of this order was paid in money: the shipment's share spread over its lines pro rata
     * to their price (as {@link #shares}), per SKU; what a points discount took off earns and refunds nothing.
     */
    public java.util.Map<String, Integer> paidBySku(Shipment shipment) {
        var gross = shipment.lines().stream().mapToInt(l -> priceOf(List.of(l))).toArray();
        var paid = shares(shipment.amountCents(), gross);
        var bySku = new java.util.LinkedHashMap<String, Integer>();
        for (int i = 0; i < paid.length; i++) bySku.merge(shipment.lines().get(i).sku(), paid[i], Integer::sum);
        return bySku;
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
