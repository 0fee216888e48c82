package com.omnicanal.routing;

import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Ids;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** What the customer is told of a delivery order and its shipments: the kinds of message and what they may say. */
final class DeliveryMessages {
    static final String CONFIRMED = "DELIVERY_CONFIRMED";
    static final String SHIPMENT_PREPARING = "SHIPMENT_PREPARING";
    static final String SHIPMENT_SHIPPED = "SHIPMENT_SHIPPED";
    static final String CANCELLED = "DELIVERY_CANCELLED";

    private DeliveryMessages() {
    }

    static OutboxMessage confirmed(DeliveryOrder order, Instant now) {
        var data = data(order);
        data.put("items", items(order.lines().stream()
                .map(l -> new RoutingRequest.Line(l.sku(), l.quantity())).toList(), order));
        // what the card pays: a points discount is off, as in a pickup order's message
        data.put("total", String.format(Locale.FRANCE, "%.2f €", order.amountDueCents() / 100.0));
        data.put("waiting", order.waiting().isEmpty() ? "" : items(order.waiting(), order));
        return message(CONFIRMED, CONFIRMED + "#" + order.id(), order, data, now);
    }

    /** The order cancelled before anything left: nothing will be charged (sent once per order). */
    static OutboxMessage cancelled(DeliveryOrder order, Instant now) {
        var data = data(order);
        data.put("items", items(order.lines().stream()
                .map(l -> new RoutingRequest.Line(l.sku(), l.quantity())).toList(), order));
        return message(CANCELLED, CANCELLED + "#" + order.id(), order, data, now);
    }

    /** A shipment accepted by its place: it is being prepared (sent once per shipment). */
    static OutboxMessage preparing(DeliveryOrder order, Shipment shipment, Instant now) {
        var data = data(order);
        data.put("items", items(shipment.lines(), order));
        return message(SHIPMENT_PREPARING, SHIPMENT_PREPARING + "#" + shipment.id(), order, data, now);
    }

    /** A shipment handed to the carrier, with its tracking reference. */
    static OutboxMessage shipped(DeliveryOrder order, Shipment shipment, Instant now) {
        var data = data(order);
        data.put("items", items(shipment.lines(), order));
        data.put("carrier", shipment.carrier());
        data.put("trackingRef", shipment.trackingRef());
        return message(SHIPMENT_SHIPPED, SHIPMENT_SHIPPED + "#" + shipment.id(), order, data, now);
    }

    private static LinkedHashMap<String, String> data(DeliveryOrder order) {
        var data = new LinkedHashMap<String, String>();
        data.put("orderId", order.id());
        data.put("orderRef", Ids.reference(order.id()));
        var a = order.address();
        // an erased customer's order keeps no street
        data.put("deliveryAddress", (a.street() == null ? "" : a.street() + ", ") + a.postcode() + " " + a.city());
        return data;
    }

    private static String items(List<RoutingRequest.Line> lines, DeliveryOrder order) {
        return lines.stream().map(l -> l.quantity() + " x " + order.productName(l.sku())).collect(Collectors.joining(", "));
    }

    /** Transactional, to the contact given with the order when the person has no address of their own. */
    private static OutboxMessage message(String kind, String dedupeKey, DeliveryOrder order,
                                         LinkedHashMap<String, String> data, Instant now) {
        var contact = order.contact();
        var delivery = contact == null ? Delivery.transactional()
                : Delivery.transactional().guestContact(contact.email(), contact.phone());
        return OutboxMessage.of(kind, order.customerId(), dedupeKey, delivery, data, now);
    }
}
