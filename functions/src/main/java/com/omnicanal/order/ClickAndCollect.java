package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.stock.StockLedger;
import java.time.Clock;

/** Click-and-collect's use cases, one per journey step, built together over the same ports and policy. */
public record ClickAndCollect(PlacingOrders placing, ChoosingPickupOptions choosingOptions, FollowingOrders following,
                              CancellingOrders cancelling, StoreOrderQueue queue, PreparingOrders preparing,
                              CollectingOrders collecting, SweepingOrders sweeping, MovingTransfers transfers,
                              SellingForPickup selling, RefusingTransfers refusing) {

    public static ClickAndCollect of(Catalog catalog, StockLedger stock, Orders orders, Payments payments,
                                     OrderPolicy policy, Clock clock) {
        return of(catalog, stock, orders, payments, policy, clock, BusinessMetrics.NONE);
    }

    public static ClickAndCollect of(Catalog catalog, StockLedger stock, Orders orders, Payments payments,
                                     OrderPolicy policy, Clock clock, BusinessMetrics metrics) {
        return of(catalog, stock, orders, payments, policy, clock, metrics, null, null);
    }

    /**
     * With transfers that move: {@code sourcing} picks where missing lines come from (routing's engine; null: the web
     * warehouse, else the store with the most units), {@code transfers} moves them (null: transfers stay requested).
     */
    public static ClickAndCollect of(Catalog catalog, StockLedger stock, Orders orders, Payments payments,
                                     OrderPolicy policy, Clock clock, BusinessMetrics metrics, TransferSourcing sourcing,
                                     Transfers transfers) {
        var messages = new OrderMessages(clock);
        var access = new OrderAccess(catalog, orders);
        var closing = new OrderClosing(catalog, orders, messages, clock);
        var options = new PickupOptions(catalog, stock, policy, sourcing);
        var queue = new StoreOrderQueue(orders, access, clock);
        var placing = new PlacingOrders(catalog, orders, options, messages, policy, clock, metrics);
        return new ClickAndCollect(
                placing,
                new ChoosingPickupOptions(catalog, orders, access, messages, clock, metrics, options),
                new FollowingOrders(orders, access, catalog, transfers),
                new CancellingOrders(access, closing),
                queue,
                new PreparingOrders(catalog, orders, access, closing, options, messages, policy, clock),
                new CollectingOrders(orders, access, policy, clock, metrics),
                new SweepingOrders(catalog, orders, payments, closing, messages, policy, clock, queue, metrics),
                new MovingTransfers(catalog, orders, transfers, messages, clock),
                new SellingForPickup(catalog, placing),
                new RefusingTransfers(catalog, orders, transfers, options, closing, clock));
    }
}
