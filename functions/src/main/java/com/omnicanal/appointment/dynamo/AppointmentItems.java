package com.omnicanal.appointment.dynamo;

import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.AppointmentStatus;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The Appointments table's items. An appointment is one JSON document ({@code body}, nested items and timeline) with
 * the attributes its indexes and conditions read beside it: {@code storeId}/{@code startAt} (a store's agenda),
 * {@code customerId}/{@code startAt}, {@code openStatus}/{@code dueAt} (only while the sweeper owes it something: a
 * hold to end, a reminder to send). A cell is a quarter hour of an advisor (held by one appointment) or of a resource
 * (its units taken, and by whom); cells expire (TTL) long after their time.
 */
final class AppointmentItems {
    static final String APPOINTMENT = "APPOINTMENT";
    static final String SORT = "APPOINTMENT";
    /** Kept a quarter after the time they cover, for the figures' sake; then DynamoDB's TTL deletes them. */
    private static final Duration CELLS_KEPT = Duration.ofDays(90);

    private AppointmentItems() {
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", s("APPT#" + id), "sk", s(SORT));
    }

    static Map<String, AttributeValue> of(Appointment a, Instant due) {
        var item = new HashMap<>(key(a.id()));
        item.put("type", s(APPOINTMENT));
        item.put("storeId", s(a.storeId()));
        item.put("customerId", s(a.customerId()));
        item.put("startAt", s(Instants.format(a.start())));
        item.put("status", s(a.status().name()));
        item.put("updatedAt", s(Instants.format(a.updatedAt())));
        if (due != null) {
            item.put("openStatus", s(a.status() == AppointmentStatus.HELD ? "HELD" : "REMIND"));
            item.put("dueAt", s(Instants.format(due)));
        }
        item.put("body", JsonDocuments.write(a));
        return item;
    }

    static boolean isAppointment(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("type") && APPOINTMENT.equals(item.get("type").s());
    }

    static Appointment read(Map<String, AttributeValue> item) {
        return JsonDocuments.read(item.get("body"), Appointment.class);
    }

    static String advisorCells(String storeId, String advisorId) {
        return "CELLS#" + storeId + "#ADVISOR#" + advisorId;
    }

    static String resourceCells(String storeId, String resourceId) {
        return "CELLS#" + storeId + "#RESOURCE#" + resourceId;
    }

    static Map<String, AttributeValue> cellKey(String partition, Instant cell) {
        return Map.of("pk", s(partition), "sk", s(Instants.format(cell)));
    }

    static AttributeValue expiry(Instant cell) {
        return AttributeValue.fromN(Long.toString(cell.plus(CELLS_KEPT).getEpochSecond()));
    }

    static String ttl() {
        return TableDefinitions.TTL_ATTRIBUTE;
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
