package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.order.Orders;
import com.omnicanal.reservation.ReservationDesk;
import java.time.Clock;

/** The returns use cases, one per journey step, built together over the same ports and policy. */
public record CrossChannelReturns(RequestingReturns requesting, FollowingReturns following, ReceivingReturns receiving,
                                  ReturnDecisions decisions, ReportingReturns reporting, ExpiringReturns expiring) {

    /** {@code reservations}: holds an exchange's replacement, with the deployed hold period, and finds receipts. */
    public static CrossChannelReturns of(Catalog catalog, Orders orders, ReservationDesk reservations, Returns returns,
                                         ReturnPolicy policy, Clock clock) {
        return of(catalog, orders, reservations, id -> java.util.Optional.empty(), returns, policy, clock);
    }

    /** {@code receipts}: the sales stores' tills reported (loyalty's sales feed), returnable in any store. */
    public static CrossChannelReturns of(Catalog catalog, Orders orders, ReservationDesk reservations,
                                         com.omnicanal.loyalty.Receipts receipts, Returns returns, ReturnPolicy policy,
                                         Clock clock) {
        return of(catalog, orders, reservations, receipts, null, returns, policy, clock);
    }

    /** {@code deliveries}: delivery orders (routing's port), whose parcels handed to the carrier are returnable too. */
    public static CrossChannelReturns of(Catalog catalog, Orders orders, ReservationDesk reservations,
                                         com.omnicanal.loyalty.Receipts receipts,
                                         com.omnicanal.routing.Deliveries deliveries, Returns returns, ReturnPolicy policy,
                                         Clock clock) {
        var messages = new ReturnMessages(catalog, clock);
        return new CrossChannelReturns(
                new RequestingReturns(catalog, reservations, returns, new Purchases(catalog, orders, reservations, receipts, deliveries), messages,
                        policy, clock),
                new FollowingReturns(returns),
                new ReceivingReturns(catalog, returns, messages, clock),
                new ReturnDecisions(returns, messages, clock),
                new ReportingReturns(catalog, returns, clock),
                new ExpiringReturns(returns, messages, policy, clock));
    }
}
