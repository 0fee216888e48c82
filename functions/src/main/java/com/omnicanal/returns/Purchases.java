package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.loyalty.Receipts;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationDesk;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a customer bought, on any channel: a collected order, or an in-store purchase by its receipt. */
final class Purchases {
    private final Catalog catalog;
    private final Orders orders;
    private final ReservationDesk reservations;
    private final Receipts receipts;

    Purchases(Catalog catalog, Orders orders, ReservationDesk reservations, Receipts receipts) {
        this.catalog = catalog;
        this.orders = orders;
        this.reservations = reservations;
        this.receipts = receipts;
    }

    /** Where and when it was sold, the units bought per SKU and their prices. */
    record Purchase(ReturnAuthorization.Source source, String soldAt, Instant soldOn, Map<String, Integer> bought,
                    Map<String, Integer> prices) {
    }

    /**
     * The purchase: a collected order of this customer, or an in-store purchase by its receipt: one a store's till
     * reported for this customer (in any store), or a completed reservation.
     */
    Purchase of(Actor actor, ReturnRequest request) {
        var bought = new LinkedHashMap<String, Integer>();
        var prices = new LinkedHashMap<String, Integer>();
        if (request.orderId() != null) {
            var order = orders.find(request.orderId()).filter(o -> o.customerId().equals(actor.id()))
                    .orElseThrow(() -> new DomainException.NotFound("no order " + request.orderId()));
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
