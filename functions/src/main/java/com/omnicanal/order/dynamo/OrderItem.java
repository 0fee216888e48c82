package com.omnicanal.order.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderStatus;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An order in the Orders table: the index attributes, what conditions and in-place updates work on (status,
 * wrongCodes, locked, reminders), and the order whole as a JSON document in {@code order}.
 */
final class OrderItem {
    static final String TYPE = "ORDER";

    private OrderItem() {
    }

    static Map<String, AttributeValue> of(Order order) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(order.id()));
        item.put("type", s(TYPE));
        item.put("customerId", s(order.customerId()));
        item.put("createdAt", s(Instants.format(order.createdAt())));
        item.put("storeId", s(order.pickupStoreId()));
        item.put("storeStatusKey", s(TYPE + "#" + order.status().name() + "#" + Instants.format(order.createdAt()) + "#" + order.id()));
        item.put("status", s(order.status().name()));
        item.put("wrongCodes", AttributeValue.fromN(Integer.toString(order.wrongCodes())));
        item.put("locked", AttributeValue.fromBool(order.locked()));
        item.put("reminders", AttributeValue.fromL(order.reminders().stream().map(OrderItem::s).toList()));
        if (order.status() == OrderStatus.READY) {
            // only while it waits for the customer: the sweeper's index holds nothing else
            item.put("openStatus", s(OrderStatus.READY.name()));
            item.put("expiresAt", s(Instants.format(order.expiresAt())));
        }
        item.put("placement", s(placement(order)));
        item.put("order", JsonDocuments.write(order));
        return item;
    }

    /** Where each line's units are, in line order: a write conditioned on it is refused once a transfer moved them. */
    static String placement(Order order) {
        return String.join(",", order.lines().stream().map(Order.Line::heldAt).toList());
    }

    static boolean isOrder(Map<String, AttributeValue> item) {
        return item != null && TYPE.equals(text(item, "type"));
    }

    static Order read(Map<String, AttributeValue> item) {
        var order = JsonDocuments.read(item.get("order"), Order.class);
        // the wrong-code count is updated in place, outside the JSON
        return order.lockedAfter(Integer.parseInt(item.get("wrongCodes").n()), Boolean.TRUE.equals(item.get("locked").bool()),
                order.updatedAt());
    }

    static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
