package com.omnicanal.reservation.dynamo;

import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.stock.dynamo.StockWrites;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A new hold as it joins a transaction, the reservation function's or another capability's (an exchange's replacement,
 * written with its return): first the stock hold, refused unless the units are free, then the reservation item.
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
}
