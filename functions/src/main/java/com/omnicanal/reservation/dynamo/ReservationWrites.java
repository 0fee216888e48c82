package com.omnicanal.reservation.dynamo;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.stock.dynamo.StockWrites;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A reservation's writes as they join a transaction, the reservation function's or another capability's (an exchange's
 * replacement, written with its return; the items held for an appointment): a new hold (first the stock hold, refused
 * unless the units are free, then the reservation item), its release or sale with its stock, a later expiry.
 */
public final class ReservationWrites {
    private final String orders;
    private final StockWrites stock;

    public ReservationWrites(TableNames tables) {
        this.orders = tables.orders();
        this.stock = new StockWrites(tables);
    }

    /** The stock hold (action 0 of the two: {@link StockWrites#availableBefore} reads its refusal), then the item. */
    public List<TransactWriteItem> hold(Reservation held) {
        return List.of(stock.hold(held.sku(), held.storeId(), held.quantity()),
                TransactWriteItem.builder().put(Put.builder().tableName(orders).item(ReservationItem.of(held))
                        .conditionExpression("attribute_not_exists(id)").build()).build());
    }

    /** Cancelled or expired: the reservation closed (only if still held by that customer), its units back on sale. */
    public List<TransactWriteItem> release(Reservation released) {
        return List.of(close(released), stock.release(released.sku(), released.storeId(), released.quantity()));
    }

    /** Bought in store: the reservation closed (only if still held by that customer), its units off the shelf. */
    public List<TransactWriteItem> sell(Reservation sold) {
        return List.of(close(sold), stock.sell(sold.sku(), sold.storeId(), sold.quantity()));
    }

    /** Held until later (the appointment it is for moved), only while still held. */
    public TransactWriteItem holdUntil(Reservation held, Instant until) {
        return TransactWriteItem.builder().update(Update.builder().tableName(orders)
                .key(Map.of("id", AttributeValue.fromS(held.id())))
                .updateExpression("SET expiresAt = :until")
                .conditionExpression("#status = :held AND customerId = :customer")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":until", AttributeValue.fromS(Instants.format(until)),
                        ":held", AttributeValue.fromS(ReservationStatus.HELD.name()),
                        ":customer", AttributeValue.fromS(held.customerId())))
                .build()).build();
    }

    /**
     * Moves a held reservation to its final state; fails if it is no longer held, or no longer the customer's it was
     * read as (its notice would otherwise go out under an id a merge or an erasure has moved it from).
     */
    TransactWriteItem close(Reservation next) {
        return TransactWriteItem.builder().update(Update.builder().tableName(orders)
                .key(Map.of("id", AttributeValue.fromS(next.id())))
                .updateExpression("SET #status = :next, updatedAt = :now, storeStatusKey = :ssk REMOVE openStatus")
                .conditionExpression("#status = :held AND customerId = :customer")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":next", AttributeValue.fromS(next.status().name()),
                        ":now", AttributeValue.fromS(Instants.format(next.updatedAt())),
                        ":ssk", AttributeValue.fromS(ReservationItem.storeStatusKey(next)),
                        ":held", AttributeValue.fromS(ReservationStatus.HELD.name()),
                        ":customer", AttributeValue.fromS(next.customerId())))
                .build()).build();
    }
}
