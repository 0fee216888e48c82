package com.omnicanal.order.dynamo;

import com.omnicanal.infrastructure.dynamo.TableNames;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The one count of a place's load, in the Orders table, for shipments (routing) and transfers (orders) alike: its day
 * is a counter item {@code LOAD#place#day} (its daily capacity, a conditional increment) and its month one
 * {@code LOAD#place#month} (offered and rejected: its rejection rate over this month and the last).
 */
public final class PlaceLoads {
    public static final String OFFERED = "offered";
    public static final String REJECTED = "rejected";
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy-MM");

    /** A place's load as counted: what it was given today, and what it was offered and rejected over two months. */
    public record Counts(int today, long offered, long rejected) {
        public double rejectionRate() {
            return offered == 0 ? 0.0 : Math.min(1.0, (double) rejected / offered);
        }
    }

    private PlaceLoads() {
    }

    /** One more shipment or transfer for the place today, unless it has had its capacity. */
    public static TransactWriteItem dayCount(TableNames tables, String location, LocalDate day, int capacity) {
        var update = Update.builder().tableName(tables.orders()).key(Map.of("id", s(dayKey(location, day))))
                .updateExpression("SET shipments = if_not_exists(shipments, :zero) + :one, #t = :type");
        var values = new HashMap<String, AttributeValue>(Map.of(":zero", n(0), ":one", n(1), ":type", s("PLACE_LOAD")));
        if (capacity != Integer.MAX_VALUE) {
            update.conditionExpression("attribute_not_exists(shipments) OR shipments < :capacity");
            values.put(":capacity", n(capacity));
        }
        return TransactWriteItem.builder().update(update.expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(values).build()).build();
    }

    /** One more offered (or rejected) to the place this month. */
    public static TransactWriteItem monthCount(TableNames tables, String location, LocalDate day, String counter) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.orders())
                .key(Map.of("id", s(monthKey(location, day))))
                .updateExpression("ADD " + counter + " :one SET #t = :type").expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":one", n(1), ":type", s("PLACE_LOAD"))).build()).build();
    }

    /** The places' counts on that day, read with {@code batch} (items by id). */
    public static Map<String, Counts> read(Collection<String> locations, LocalDate day,
                                           Function<List<String>, List<Map<String, AttributeValue>>> batch) {
        var keys = new ArrayList<String>();
        for (var location : locations) {
            keys.add(dayKey(location, day));
            keys.add(monthKey(location, day));
            keys.add(monthKey(location, day.minusMonths(1)));
        }
        var byKey = new HashMap<String, Map<String, AttributeValue>>();
        batch.apply(keys).forEach(i -> byKey.put(i.get("id").s(), i));
        var counts = new HashMap<String, Counts>();
        for (var location : locations) {
            long offered = 0;
            long rejected = 0;
            for (var month : List.of(day, day.minusMonths(1))) {
                var item = byKey.get(monthKey(location, month));
                offered += number(item, OFFERED);
                rejected += number(item, REJECTED);
            }
            counts.put(location, new Counts(number(byKey.get(dayKey(location, day)), "shipments"), offered, rejected));
        }
        return counts;
    }

    private static String dayKey(String location, LocalDate day) {
        return "LOAD#" + location + "#" + day;
    }

    private static String monthKey(String location, LocalDate day) {
        return "LOAD#" + location + "#" + MONTH.format(day);
    }

    private static int number(Map<String, AttributeValue> item, String name) {
        return item == null || !item.containsKey(name) ? 0 : Integer.parseInt(item.get(name).n());
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
