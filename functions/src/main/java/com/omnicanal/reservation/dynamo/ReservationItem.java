package com.omnicanal.reservation.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reservation in the Orders table, its fields as plain attributes beside the index ones: {@code storeStatusKey}
 * sorts a store's reservations by status then age; {@code openStatus} exists only while held, so the expiry index holds
 * only open holds (under {@link ExpiryShards}' keys).
 */
final class ReservationItem {
    static final String TYPE = "RESERVATION";

    private ReservationItem() {
    }

    static String storeStatusKey(Reservation r) {
        // typed: click-and-collect orders share the table and its store index
        return TYPE + "#" + r.status().name() + "#" + Instants.format(r.createdAt()) + "#" + r.id();
    }

    static Map<String, AttributeValue> of(Reservation r) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(r.id()));
        item.put("type", s(TYPE));
        item.put("customerId", s(r.customerId()));
        item.put("createdAt", s(Instants.format(r.createdAt())));
        item.put("storeId", s(r.storeId()));
        item.put("storeStatusKey", s(storeStatusKey(r)));
        if (r.status().isOpen()) item.put("openStatus", s(ExpiryShards.of(r.id())));
        item.put("expiresAt", s(Instants.format(r.expiresAt())));
        item.put("sku", s(r.sku()));
        item.put("productName", s(r.productName()));
        item.put("storeName", s(r.storeName()));
        item.put("quantity", AttributeValue.fromN(Integer.toString(r.quantity())));
        item.put("status", s(r.status().name()));
        item.put("updatedAt", s(Instants.format(r.updatedAt())));
        return item;
    }

    static boolean isReservation(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("type") && TYPE.equals(item.get("type").s());
    }

    static Reservation read(Map<String, AttributeValue> item) {
        return new Reservation(text(item, "id"), text(item, "customerId"), text(item, "sku"), text(item, "productName"),
                text(item, "storeId"), text(item, "storeName"), Integer.parseInt(item.get("quantity").n()),
                ReservationStatus.valueOf(text(item, "status")), Instants.parse(text(item, "createdAt")),
                Instants.parse(text(item, "expiresAt")), Instants.parse(text(item, "updatedAt")));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
