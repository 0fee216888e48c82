package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.loyalty.FollowingPurchases;
import com.omnicanal.loyalty.Receipts;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationDesk;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.routing.Deliveries;
import com.omnicanal.routing.DeliveryOrder;
import com.omnicanal.routing.Shipment;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a customer bought, on any channel: a collected order, a parcel of a delivery order handed to the carrier, or an
 * in-store purchase by its receipt.
 */
final class Purchases {
    private final Catalog catalog;
    private final Orders orders;
    private final ReservationDesk reservations;
    private final Receipts receipts;
    private final Deliveries deliveries;

    Purchases(Catalog catalog, Orders orders, ReservationDesk reservations, Receipts receipts, Deliveries deliveries) {
        this.catalog = catalog;
        this.orders = orders;
        this.reservations = reservations;
        this.receipts = receipts;
        this.deliveries = deliveries;
    }

    /** Where and when it was sold, the units bought per SKU and their prices. */
    record Purchase(ReturnAuthorization.Source source, String soldAt, Instant soldOn, Map<String, Integer> bought,
                    Map<String, Integer> prices) {
    }

    /**
     * The purchase: a collected order of this customer, a delivered parcel of their delivery order (by the order's id),
     * or an in-store purchase by its receipt: one a store's till reported for this customer (in any store), or a
     * completed reservation.
     */
    Purchase of(Actor actor, ReturnRequest request) {
        var bought = new LinkedHashMap<String, Integer>();
        var prices = new LinkedHashMap<String, Integer>();
        if (request.orderId() != null) {
            var found = orders.find(request.orderId()).filter(o -> o.customerId().equals(actor.id()));
            if (found.isEmpty() && deliveries != null) {
                var delivery = deliveries.find(request.orderId()).filter(o -> o.customerId().equals(actor.id()));
                if (delivery.isPresent()) return delivered(delivery.get(), request);
            }
            var order = found.orElseThrow(() -> new DomainException.NotFound("no order " + request.orderId()));
            if (order.status() != OrderStatus.COLLECTED) {
                throw new DomainException.InvalidState("order " + order.id() + " is " + order.status() + ": only collected orders can be returned");
            }
            order.lines().forEach(l -> {
                bought.merge(l.sku(), l.quantity(), Integer::sum);
                // what a unit cost in money: the part paid with points is not refunded in money
                prices.put(l.sku(), order.paidPerUnitCents(l.sku()));
            });
            var collectedAt = order.timeline().stream().filter(e -> e.status().equals(OrderStatus.COLLECTED.name()))
                    .map(com.omnicanal.order.Order.Event::at).findFirst().orElse(order.updatedAt());
            return new Purchase(new ReturnAuthorization.Source("ORDER", order.id()), order.pickupStoreId(), collectedAt,
                    bought, prices);
        }
        var reported = receipts.receipt(request.receiptReference()).filter(r -> actor.id().equals(r.customerId()));
        if (reported.isPresent()) {
            var sale = reported.get();
            sale.lines().forEach(l -> {
                bought.merge(l.sku(), l.quantity(), Integer::sum);
                prices.put(l.sku(), l.unitPriceCents());
            });
            return new Purchase(new ReturnAuthorization.Source("RECEIPT", sale.id()), sale.storeId(), sale.soldAt(), bought,
                    prices);
        }
        var receipt = receipt(actor, request.receiptReference());
        if (receipt.status() != ReservationStatus.COMPLETED) {
            throw new DomainException.InvalidState("receipt " + receipt.id() + " is not a completed purchase");
        }
        bought.put(receipt.sku(), receipt.quantity());
        // the in-store price in force when it was bought there, not today's
        var store = catalog.store(receipt.storeId());
        prices.put(receipt.sku(), catalog.product(receipt.sku()).orElseThrow().priceAt(receipt.updatedAt(), SalesChannel.STORE,
                store.map(s -> s.zone()).orElse(catalog.zone())));
        return new Purchase(new ReturnAuthorization.Source("RECEIPT", receipt.id()), receipt.storeId(), receipt.updatedAt(),
                bought, prices);
    }

    /**
     * The parcel of a delivery order the units came in: the first handed to the carrier that holds every line asked
     * (a return names one parcel, as loyalty earned on each); each unit refunded what it cost in money, rounded down.
     */
    private Purchase delivered(DeliveryOrder order, ReturnRequest request) {
        var live = deliveries.shipments(order.id()).stream().filter(s -> !s.status().closedUnshipped())
                .sorted(Comparator.comparing(Shipment::updatedAt)).toList();
        var left = live.stream().filter(s -> s.status() == Shipment.Status.HANDED_OVER).toList();
        var parcel = left.stream().filter(s -> holds(s, request.lines())).findFirst().orElseGet(() -> {
            var onTheirWay = live.stream().filter(s -> s.status() != Shipment.Status.HANDED_OVER)
                    .filter(s -> request.lines().stream().anyMatch(l -> units(s, l.sku()) > 0)).findFirst();
            if (onTheirWay.isPresent() || left.isEmpty()) {
                throw new DomainException.InvalidState("order " + order.id() + " has a parcel not handed to the carrier yet"
                        + (onTheirWay.isPresent() ? " (" + onTheirWay.get().id() + ")" : "")
                        + ": it can be returned once it left");
            }
            if (request.lines().stream().allMatch(l -> left.stream().anyMatch(s -> units(s, l.sku()) > 0))) {
                throw new DomainException.InvalidInput("lines", "come in different parcels of order " + order.id()
                        + ": return each parcel on its own");
            }
            // a SKU the order never shipped: told line by line as for any purchase
            return left.get(0);
        });
        var bought = new LinkedHashMap<String, Integer>();
        parcel.lines().forEach(l -> bought.merge(l.sku(), l.quantity(), Integer::sum));
        var paid = order.paidBySku(parcel);
        var prices = new LinkedHashMap<String, Integer>();
        bought.forEach((sku, units) -> prices.put(sku, paid.get(sku) / units));
        var handedOverAt = parcel.timeline().stream().filter(e -> e.status().equals(Shipment.Status.HANDED_OVER.name()))
                .map(Shipment.Event::at).findFirst().orElse(parcel.updatedAt());
        // the store that sold it in its endless aisle, else the web's sale
        var soldAt = order.soldBy() != null ? order.soldBy().storeId() : StockLevel.WEB;
        return new Purchase(new ReturnAuthorization.Source(FollowingPurchases.DELIVERY, parcel.id()), soldAt, handedOverAt,
                bought, prices);
    }

    private static boolean holds(Shipment parcel, List<ReturnRequest.LineRequest> lines) {
        return lines.stream().allMatch(l -> units(parcel, l.sku()) >= (l.quantity() == null ? 1 : l.quantity()));
    }

    private static int units(Shipment parcel, String sku) {
        return parcel.lines().stream().filter(l -> l.sku().equals(sku)).mapToInt(com.omnicanal.routing.RoutingRequest.Line::quantity)
                .sum();
    }

    /** The customer's own completed reservation: what they bought in store. */
    private Reservation receipt(Actor actor, String reference) {
        try {
            var reservation = reservations.get(actor, reference);
            if (reservation.customerId().equals(actor.id())) return reservation;
        } catch (DomainException.NotFound unknown) {
            // told as an unknown receipt below
        }
        throw new DomainException.NotFound("no receipt " + reference);
    }
}
