package com.omnicanal.outbox.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.infrastructure.logging.Correlation;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * An outbox message or business event as an item: the Put that joins the transaction of the change that caused it,
 * and the message or event read back. A message's delivery is kept beside its template data: {@code purpose} and
 * {@code urgency}, {@code onlyChannels} when it may not use every channel, and {@code contact} (an address given with
 * it). An event (type {@value #BUSINESS_EVENT}) has no {@code kind}, {@code status} or {@code customerId}: the
 * dispatcher passes it by, and it is in none of the indexes that list messages; it expires after
 * {@link #EVENT_RETENTION}, and an erasure deletes it with its order, return or reservation ({@link #eventKeys}).
 */
public final class OutboxItems {
    public static final String PENDING = "PENDING";
    /** What an erasure removes from a message: what it says, and the address given with it. */
    public static final String PERSONAL_ATTRIBUTES = "templateData, contact";

    public static final String BUSINESS_EVENT = "BUSINESS_EVENT";
    private static final String ORDER_COLLECTED = "ORDER_COLLECTED";
    private static final String RETURN_RECEIVED = "RETURN_RECEIVED";
    private static final String RESERVATION_COMPLETED = "RESERVATION_COMPLETED";
    private static final String APPOINTMENT_COMPLETED = "APPOINTMENT_COMPLETED";
    private static final String ORDER_PLACED = "ORDER_PLACED";
    private static final String ORDER_ACCEPTED = "ORDER_ACCEPTED";
    private static final String ORDER_REJECTED = "ORDER_REJECTED";
    private static final String ORDER_READY = "ORDER_READY";
    private static final String ORDER_EXPIRED = "ORDER_EXPIRED";
    private static final String RESERVATION_HELD = "RESERVATION_HELD";
    private static final String RESERVATION_EXPIRED = "RESERVATION_EXPIRED";
    private static final String RETURN_REFUNDED = "RETURN_REFUNDED";
    private static final String APPOINTMENT_MISSED = "APPOINTMENT_MISSED";
    private static final String QUESTIONNAIRE_ANSWERED = "QUESTIONNAIRE_ANSWERED";
    // these name nobody: no erasure looks for them (not in EVENT_NAMES)
    private static final String POINTS_MOVED = "POINTS_MOVED";
    private static final String SMS_STOPPED = "SMS_STOPPED";
    private static final String SHIPMENT_HANDED_OVER = "SHIPMENT_HANDED_OVER";
    /** Every kind of event, as the stream filters of template.yaml name them. */
    private static final List<String> EVENT_NAMES = List.of(ORDER_COLLECTED, RETURN_RECEIVED, RESERVATION_COMPLETED,
            APPOINTMENT_COMPLETED, ORDER_PLACED, ORDER_ACCEPTED, ORDER_REJECTED, ORDER_READY, ORDER_EXPIRED,
            RESERVATION_HELD, RESERVATION_EXPIRED, RETURN_REFUNDED, APPOINTMENT_MISSED, QUESTIONNAIRE_ANSWERED);
    /** Long after the stream's 24 hours: time to look into an event whose handling failed for good. */
    public static final Duration EVENT_RETENTION = Duration.ofDays(7);

    /** Delivery instructions that messages written before the typed delivery carried among their template data. */
    private static final Set<String> LEGACY_KEYS = Set.of("contactEmail", "contactPhone", "verifyEmail", "verifyPhone",
            "language", "onlyChannels");

    /** The id of the request (or scheduled run) that wrote the message: the dispatcher logs under it. */
    public static final String CORRELATION_ID = "correlationId";

    private OutboxItems() {
    }

    /** Keyed by the dedupe key, so writing the same business event twice cannot queue two messages. */
    public static TransactWriteItem put(String table, OutboxMessage message) {
        var data = new HashMap<String, AttributeValue>();
        message.templateData().forEach((k, v) -> data.put(k, AttributeValue.fromS(v)));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("id", AttributeValue.fromS(message.dedupeKey()));
        item.put("kind", AttributeValue.fromS(message.kind()));
        item.put("customerId", AttributeValue.fromS(message.customerId()));
        var delivery = message.delivery();
        item.put("purpose", AttributeValue.fromS(delivery.purpose().name()));
        item.put("urgency", AttributeValue.fromS(delivery.urgency().name()));
        if (!delivery.anyChannel()) {
            item.put("onlyChannels", AttributeValue.fromL(delivery.channels().stream().sorted()
                    .map(c -> AttributeValue.fromS(c.name())).toList()));
        }
        if (delivery.contact() != null) item.put("contact", contact(delivery.contact()));
        item.put("dedupeKey", AttributeValue.fromS(message.dedupeKey()));
        item.put("templateData", AttributeValue.fromM(data));
        item.put("status", AttributeValue.fromS(PENDING));
        item.put("createdAt", AttributeValue.fromS(Instants.format(message.createdAt())));
        var correlation = Correlation.current();
        if (correlation != null) item.put(CORRELATION_ID, AttributeValue.fromS(correlation));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    /** The message as written by {@link #put}, or by the format before it (delivery keys among the template data). */
    public static OutboxMessage message(Map<String, AttributeValue> item) {
        var data = new LinkedHashMap<String, String>();
        if (item.containsKey("templateData")) item.get("templateData").m().forEach((k, v) -> data.put(k, v.s()));
        var delivery = new Delivery(OutboxMessage.Purpose.valueOf(item.get("purpose").s()),
                OutboxMessage.Urgency.valueOf(item.get("urgency").s()), channels(item.get("onlyChannels")),
                contact(item.get("contact")));
        if (!item.containsKey("onlyChannels") && !item.containsKey("contact")
                && data.keySet().stream().anyMatch(LEGACY_KEYS::contains)) {
            delivery = legacy(delivery, data);
            data.keySet().removeAll(LEGACY_KEYS);
        }
        return new OutboxMessage(item.get("id").s(), item.get("kind").s(), item.get("customerId").s(), delivery,
                item.get("dedupeKey").s(), data, Instants.parse(item.get("createdAt").s()));
    }

    /** Messages queued before the typed delivery, still in the table or the stream: their keys mean what they meant. */
    private static Delivery legacy(Delivery stored, Map<String, String> data) {
        if (data.get("verifyEmail") != null || data.get("verifyPhone") != null) {
            return Delivery.verification(data.get("verifyEmail"), data.get("verifyPhone"), data.get("language"));
        }
        var channels = data.get("onlyChannels") == null ? stored.channels()
                : List.of(data.get("onlyChannels").split(",")).stream().map(String::trim).map(ChannelKind::valueOf).toList();
        var delivery = new Delivery(stored.purpose(), stored.urgency(), Set.copyOf(channels), null);
        return delivery.guestContact(data.get("contactEmail"), data.get("contactPhone"));
    }

    /** One per change: a second event of the same kind for the same order, return or reservation fails the transaction. */
    public static TransactWriteItem event(String table, BusinessEvent event) {
        Map<String, AttributeValue> item = new HashMap<>();
        var name = eventName(event);
        item.put("id", AttributeValue.fromS(eventId(name, event.subjectId())));
        item.put("type", AttributeValue.fromS(BUSINESS_EVENT));
        item.put("event", AttributeValue.fromS(name));
        item.put("subjectId", AttributeValue.fromS(event.subjectId()));
        if (event.customerId() != null) item.put("customer", AttributeValue.fromS(event.customerId()));
        if (event.storeId() != null) item.put("storeId", AttributeValue.fromS(event.storeId()));
        item.put("skus", AttributeValue.fromL(event.skus().stream().sorted().map(AttributeValue::fromS).toList()));
        item.put("at", AttributeValue.fromS(Instants.format(event.at())));
        details(event).forEach((attribute, value) -> {
            if (value != null) item.put(attribute, value);
        });
        item.put(TableDefinitions.TTL_ATTRIBUTE,
                AttributeValue.fromN(Long.toString(event.at().plus(EVENT_RETENTION).getEpochSecond())));
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(id)").build()).build();
    }

    /**
     * The keys the events of an order, return, reservation or appointment would have, whichever happened: an erasure deletes them
     * with the record they happened to (they name the customer).
     */
    public static List<Map<String, AttributeValue>> eventKeys(String subjectId) {
        return EVENT_NAMES.stream()
                .map(name -> Map.of("id", AttributeValue.fromS(eventId(name, subjectId)))).toList();
    }

    private static String eventId(String name, String subjectId) {
        return "EVENT#" + name + "#" + subjectId;
    }

    public static boolean isEvent(Map<String, AttributeValue> item) {
        var type = item.get("type");
        return type != null && BUSINESS_EVENT.equals(type.s());
    }

    /** The event as written by {@link #event(String, BusinessEvent)}. */
    public static BusinessEvent event(Map<String, AttributeValue> item) {
        var subject = item.get("subjectId").s();
        var customer = text(item, "customer");
        var store = text(item, "storeId");
        var skus = item.get("skus").l().stream().map(AttributeValue::s).toList();
        var all = Set.copyOf(skus);
        var at = Instants.parse(item.get("at").s());
        return switch (item.get("event").s()) {
            case ORDER_COLLECTED -> new BusinessEvent.OrderCollected(subject, customer, store, all, at, sale(item));
            case RETURN_RECEIVED -> new BusinessEvent.ReturnReceived(subject, customer, store, all, at,
                    text(item, "soldAt"), text(item, "purchaseKind"), text(item, "purchaseId"), units(item));
            case RESERVATION_COMPLETED -> new BusinessEvent.ReservationCompleted(subject, customer, store, skus.get(0), at);
            case APPOINTMENT_COMPLETED -> new BusinessEvent.AppointmentCompleted(subject, customer, store, all, at);
            // an order's event written before soldAt was carried reads as placed online
            case ORDER_PLACED -> new BusinessEvent.OrderPlaced(subject, customer, store, all, at, text(item, "soldAt"));
            case ORDER_ACCEPTED -> new BusinessEvent.OrderAccepted(subject, customer, store, all, at, text(item, "soldAt"));
            case ORDER_REJECTED -> new BusinessEvent.OrderRejected(subject, customer, store, all, at, text(item, "soldAt"));
            case ORDER_READY -> new BusinessEvent.OrderReady(subject, customer, store, all, instant(item, "placedAt"),
                    instant(item, "readyBy"), at, text(item, "soldAt"));
            case ORDER_EXPIRED -> new BusinessEvent.OrderExpired(subject, customer, store, all, at, text(item, "soldAt"));
            case RESERVATION_HELD -> new BusinessEvent.ReservationHeld(subject, customer, store, skus.get(0), at);
            case RESERVATION_EXPIRED -> new BusinessEvent.ReservationExpired(subject, customer, store, skus.get(0), at);
            case RETURN_REFUNDED -> new BusinessEvent.ReturnRefunded(subject, customer, store, all, text(item, "soldAt"),
                    instant(item, "receivedAt"), at);
            case APPOINTMENT_MISSED -> new BusinessEvent.AppointmentMissed(subject, customer, store, all, at);
            case QUESTIONNAIRE_ANSWERED -> new BusinessEvent.QuestionnaireAnswered(subject, store,
                    number(item, "nps"), number(item, "csat"), at);
            case POINTS_MOVED -> new BusinessEvent.PointsMoved(subject, store,
                    BusinessEvent.PointsMoved.Movement.valueOf(item.get("movement").s()), Long.parseLong(item.get("points").n()), at);
            case SMS_STOPPED -> new BusinessEvent.SmsStopped(subject, at);
            case SHIPMENT_HANDED_OVER -> new BusinessEvent.ShipmentHandedOver(subject, text(item, "orderId"), store, all,
                    sale(item), Boolean.TRUE.equals(item.get("firstOfOrder").bool()), at);
            default -> throw new IllegalArgumentException("unknown business event " + item.get("event").s());
        };
    }

    private static Map<String, Integer> units(Map<String, AttributeValue> item) {
        var units = new HashMap<String, Integer>();
        var stored = item.get("units");
        if (stored != null && stored.hasM()) stored.m().forEach((sku, n) -> units.put(sku, Integer.parseInt(n.n())));
        return units;
    }

    private static String eventName(BusinessEvent event) {
        if (event instanceof BusinessEvent.OrderCollected) return ORDER_COLLECTED;
        if (event instanceof BusinessEvent.ReturnReceived) return RETURN_RECEIVED;
        if (event instanceof BusinessEvent.ReservationCompleted) return RESERVATION_COMPLETED;
        if (event instanceof BusinessEvent.AppointmentCompleted) return APPOINTMENT_COMPLETED;
        if (event instanceof BusinessEvent.OrderPlaced) return ORDER_PLACED;
        if (event instanceof BusinessEvent.OrderAccepted) return ORDER_ACCEPTED;
        if (event instanceof BusinessEvent.OrderRejected) return ORDER_REJECTED;
        if (event instanceof BusinessEvent.OrderReady) return ORDER_READY;
        if (event instanceof BusinessEvent.OrderExpired) return ORDER_EXPIRED;
        if (event instanceof BusinessEvent.ReservationHeld) return RESERVATION_HELD;
        if (event instanceof BusinessEvent.ReservationExpired) return RESERVATION_EXPIRED;
        if (event instanceof BusinessEvent.ReturnRefunded) return RETURN_REFUNDED;
        if (event instanceof BusinessEvent.AppointmentMissed) return APPOINTMENT_MISSED;
        if (event instanceof BusinessEvent.QuestionnaireAnswered) return QUESTIONNAIRE_ANSWERED;
        if (event instanceof BusinessEvent.PointsMoved) return POINTS_MOVED;
        if (event instanceof BusinessEvent.SmsStopped) return SMS_STOPPED;
        if (event instanceof BusinessEvent.ShipmentHandedOver) return SHIPMENT_HANDED_OVER;
        throw new IllegalArgumentException("unknown business event " + event);
    }

    /** What an event carries beyond the common attributes (null: not written). */
    private static Map<String, AttributeValue> details(BusinessEvent event) {
        var details = new HashMap<String, AttributeValue>();
        if (event instanceof BusinessEvent.ReturnReceived e) {
            details.put("soldAt", text(e.soldAt()));
            // the purchase and the units that came back: loyalty takes back exactly their points
            details.put("purchaseKind", text(e.purchaseKind()));
            details.put("purchaseId", text(e.purchaseId()));
            if (e.purchaseId() != null) {
                var units = new HashMap<String, AttributeValue>();
                e.units().forEach((sku, n) -> units.put(sku, AttributeValue.fromN(Integer.toString(n))));
                details.put("units", AttributeValue.fromM(units));
            }
        } else if (event instanceof BusinessEvent.OrderReady e) {
            details.put("placedAt", AttributeValue.fromS(Instants.format(e.placedAt())));
            if (e.readyBy() != null) details.put("readyBy", AttributeValue.fromS(Instants.format(e.readyBy())));
            details.put("soldAt", text(e.soldAt()));
        } else if (event instanceof BusinessEvent.OrderPlaced e) {
            details.put("soldAt", text(e.soldAt()));
        } else if (event instanceof BusinessEvent.OrderAccepted e) {
            details.put("soldAt", text(e.soldAt()));
        } else if (event instanceof BusinessEvent.OrderRejected e) {
            details.put("soldAt", text(e.soldAt()));
        } else if (event instanceof BusinessEvent.OrderExpired e) {
            details.put("soldAt", text(e.soldAt()));
        } else if (event instanceof BusinessEvent.ReturnRefunded e) {
            details.put("soldAt", text(e.soldAt()));
            details.put("receivedAt", AttributeValue.fromS(Instants.format(e.receivedAt())));
        } else if (event instanceof BusinessEvent.QuestionnaireAnswered e) {
            if (e.nps() != null) details.put("nps", AttributeValue.fromN(e.nps().toString()));
            if (e.csat() != null) details.put("csat", AttributeValue.fromN(e.csat().toString()));
        } else if (event instanceof BusinessEvent.PointsMoved e) {
            details.put("movement", AttributeValue.fromS(e.movement().name()));
            details.put("points", AttributeValue.fromN(Long.toString(e.points())));
        } else if (event instanceof BusinessEvent.OrderCollected e) {
            details.putAll(sale(e.sale()));
        } else if (event instanceof BusinessEvent.ShipmentHandedOver e) {
            details.put("orderId", AttributeValue.fromS(e.orderId()));
            details.put("firstOfOrder", AttributeValue.fromBool(e.firstOfOrder()));
            details.putAll(sale(e.sale()));
        }
        return details;
    }

    /** Who sold it (absent: online) and what was paid; an event without {@code paidCents} carried no sale. */
    private static Map<String, AttributeValue> sale(BusinessEvent.Sale sale) {
        var attributes = new HashMap<String, AttributeValue>();
        if (sale == null) return attributes;
        attributes.put("soldByStore", text(sale.storeId()));
        attributes.put("soldByStaff", text(sale.staffId()));
        attributes.put("paidCents", AttributeValue.fromN(Long.toString(sale.paidCents())));
        return attributes;
    }

    private static BusinessEvent.Sale sale(Map<String, AttributeValue> item) {
        var paid = item.get("paidCents");
        if (paid == null || paid.n() == null) return null;
        return new BusinessEvent.Sale(text(item, "soldByStore"), text(item, "soldByStaff"), Long.parseLong(paid.n()));
    }

    private static AttributeValue text(String value) {
        return value == null ? null : AttributeValue.fromS(value);
    }

    private static java.time.Instant instant(Map<String, AttributeValue> item, String name) {
        var v = text(item, name);
        return v == null ? null : Instants.parse(v);
    }

    private static Integer number(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null || v.n() == null ? null : Integer.valueOf(v.n());
    }

    private static AttributeValue contact(Delivery.Contact contact) {
        var map = new HashMap<String, AttributeValue>();
        if (contact.email() != null) map.put("email", AttributeValue.fromS(contact.email()));
        if (contact.phone() != null) map.put("phone", AttributeValue.fromS(contact.phone()));
        if (contact.language() != null) map.put("language", AttributeValue.fromS(contact.language()));
        map.put("exclusive", AttributeValue.fromBool(contact.exclusive()));
        return AttributeValue.fromM(map);
    }

    private static Delivery.Contact contact(AttributeValue value) {
        // an erasure removes the contact: the message keeps its delivery facts, not the address
        if (value == null || !value.hasM()) return null;
        var m = value.m();
        return new Delivery.Contact(text(m, "email"), text(m, "phone"), text(m, "language"),
                Boolean.TRUE.equals(m.get("exclusive").bool()));
    }

    private static Set<ChannelKind> channels(AttributeValue value) {
        if (value == null || !value.hasL()) return EnumSet.allOf(ChannelKind.class);
        return Set.copyOf(value.l().stream().map(v -> ChannelKind.valueOf(v.s())).toList());
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var v = item.get(name);
        return v == null ? null : v.s();
    }
}
