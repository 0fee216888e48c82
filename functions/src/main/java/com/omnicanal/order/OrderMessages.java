package com.omnicanal.order;

import com.omnicanal.catalog.Store;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the customer is told of an order: the kinds of message, and what their templates may say. */
public final class OrderMessages {
    public static final String PLACED = "ORDER_PLACED";
    public static final String READY = "ORDER_READY";
    public static final String REMINDER = "ORDER_REMINDER";
    public static final String REJECTED = "ORDER_REJECTED";
    public static final String CANCELLED = "ORDER_CANCELLED";
    public static final String EXPIRED = "ORDER_EXPIRED";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;

    OrderMessages(Clock clock) {
        this.clock = clock;
    }

    OutboxMessage message(String kind, Order order, Store store) {
        return message(kind, kind + "#" + order.id(), order, data(order, store));
    }

    /** Transactional, and to the contact given with the order when the person has no address of their own. */
    OutboxMessage message(String kind, String dedupeKey, Order order, Map<String, String> data) {
        var contact = order.contact();
        var delivery = contact == null ? Delivery.transactional()
                : Delivery.transactional().guestContact(contact.email(), contact.phone());
        // the store it is about: the KPIs count the message on that store's row
        var withStore = new LinkedHashMap<>(data);
        if (order.pickupStoreId() != null) withStore.putIfAbsent("storeId", order.pickupStoreId());
        return OutboxMessage.of(kind, order.customerId(), dedupeKey, delivery, withStore, now());
    }

    /**
     * What the templates may say: the order and its short reference, the store's address and its hours today and
     * tomorrow ("" when closed).
     */
    LinkedHashMap<String, String> data(Order order, Store store) {
        var zone = store.zone();
        var data = new LinkedHashMap<String, String>();
        data.put("orderId", order.id());
        data.put("orderRef", Ids.reference(order.id()));
        data.put("storeName", store.name());
        data.put("storeAddress", store.address().street() + ", " + store.address().postcode() + " " + store.address().city());
        // when the message is written, in the store's time zone: it leaves within seconds (transactional, never deferred)
        // the hours in force on those very dates: a closure or holiday hours, else the weekly ones
        var today = now().atZone(zone).toLocalDate();
        data.put("hoursToday", store.hoursText(today));
        data.put("hoursTomorrow", store.hoursText(today.plusDays(1)));
        data.put("items", String.join(", ", order.lines().stream().map(l -> l.quantity() + " x " + l.productName()).toList()));
        data.put("total", String.format(java.util.Locale.FRANCE, "%.2f €", order.amountDueCents() / 100.0));
        if (order.pickupCode() != null) data.put("pickupCode", order.pickupCode());
        // "" when not promised: the templates leave the sentence out
        data.put("readyDate", order.readyBy() == null ? "" : DAY.format(order.readyBy().atZone(zone)));
        data.put("readyTime", order.readyBy() == null ? "" : TIME.format(order.readyBy().atZone(zone)));
        if (order.expiresAt() != null) {
            data.put("expiresDate", DAY.format(order.expiresAt().atZone(zone)));
        }
        return data;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
