package com.omnicanal.stock.dynamo;

import com.omnicanal.infrastructure.dynamo.TableNames;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Stock's changes that reservations, orders and returns write in their own transactions. Each is one conditional
 * update of a stock item, never read-then-write, and keeps {@code available = onHand - reserved} and
 * {@code 0 <= reserved <= onHand}: a hold only takes units that are free, a release or a sale only gives back units
 * that are held.
 */
public final class StockWrites {
    private final String table;

    public StockWrites(TableNames tables) {
        this.table = tables.stock();
    }

    /** Sets units aside for a customer, only if that many are free; a refused hold tells {@link #availableBefore}. */
    public TransactWriteItem hold(String sku, String location, int units) {
        return change(sku, location, units, "SET reserved = reserved + :q, available = available - :q", "available >= :q");
    }

    /**
     * Sets units aside for a shipment, only if {@code keep} units stay free after it: routing never takes a place
     * below its safety stock, even when another order took units between its read and this write.
     */
    public TransactWriteItem holdKeeping(String sku, String location, int units, int keep) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StockItem.key(sku, location))
                .updateExpression("SET reserved = reserved + :q, available = available - :q")
                .conditionExpression("available >= :need")
                .expressionAttributeValues(Map.of(":q", number(units), ":need", number((long) units + keep)))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    /** Puts held units back on sale (a cancellation, an expiry). */
    public TransactWriteItem release(String sku, String location, int units) {
        return change(sku, location, units, "SET reserved = reserved - :q, available = available + :q", "reserved >= :q");
    }

    /** Sold: the held units leave the shelf. */
    public TransactWriteItem sell(String sku, String location, int units) {
        return change(sku, location, units, "SET onHand = onHand - :q, reserved = reserved - :q", "reserved >= :q");
    }

    /** Returned units back on sale where they land, at a location that may never have had the SKU. */
    public TransactWriteItem restock(String sku, String location, int units) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StockItem.key(sku, location))
                .updateExpression("SET onHand = if_not_exists(onHand, :zero) + :q, "
                        + "available = if_not_exists(available, :zero) + :q, reserved = if_not_exists(reserved, :zero), "
                        + "sku = :sku, #loc = :loc")
                .expressionAttributeNames(Map.of("#loc", "location"))
                .expressionAttributeValues(Map.of(":q", number(units), ":zero", number(0),
                        ":sku", AttributeValue.fromS(sku), ":loc", AttributeValue.fromS(location)))
                .build()).build();
    }

    /**
     * A transfer leaves: units shown in transit at the destination, apart from its on-hand (visible, not sellable); the
     * source's held units leave its shelf with {@link #sell} in the same transaction, so the units are counted once.
     */
    public TransactWriteItem sendInTransit(String sku, String destination, int units) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StockItem.key(sku, destination))
                .updateExpression("SET inTransit = if_not_exists(inTransit, :zero) + :q, "
                        + "onHand = if_not_exists(onHand, :zero), reserved = if_not_exists(reserved, :zero), "
                        + "available = if_not_exists(available, :zero), sku = :sku, #loc = :loc")
                .expressionAttributeNames(Map.of("#loc", "location"))
                .expressionAttributeValues(Map.of(":q", number(units), ":zero", number(0),
                        ":sku", AttributeValue.fromS(sku), ":loc", AttributeValue.fromS(destination)))
                .build()).build();
    }

    /**
     * A transfer received: its units leave the in-transit count and enter on-hand, held for the order when
     * {@code allocated}, else on sale (the order was closed on the way). Only units that are in transit arrive.
     */
    public TransactWriteItem receiveFromTransit(String sku, String destination, int units, boolean allocated) {
        var update = allocated
                ? "SET inTransit = inTransit - :q, onHand = onHand + :q, reserved = reserved + :q"
                : "SET inTransit = inTransit - :q, onHand = onHand + :q, available = available + :q";
        return change(sku, destination, units, update, "inTransit >= :q");
    }

    /** The units that were free when {@link #hold} was refused, from the item its failed condition returned. */
    public static int availableBefore(CancellationReason refusedHold) {
        var old = refusedHold.item();
        return old == null || !old.containsKey("available") ? 0 : Integer.parseInt(old.get("available").n());
    }

    private TransactWriteItem change(String sku, String location, int units, String update, String condition) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table).key(StockItem.key(sku, location))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeValues(Map.of(":q", number(units)))
                // no extra read to say how many were free: the refused item comes back with the refusal
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build()).build();
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
