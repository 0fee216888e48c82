package com.omnicanal.order;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.shared.Ids;

/**
 * The endless aisle, for pickup: staff on the tablet sell to the customer in front of them an order collected in any
 * store (theirs or another), through the same placing as online; the order keeps the selling store and staff member
 * (the store accounts credit them), and the store's price. When the pickup store lacks a line, the staff confirm the
 * option (a transfer) with the customer, as the customer would online. The customer's points code pays part of it as
 * online.
 */
public final class SellingForPickup {
    private final Catalog catalog;
    private final PlacingOrders placing;

    SellingForPickup(Catalog catalog, PlacingOrders placing) {
        this.catalog = catalog;
        this.placing = placing;
    }

    /** {@code customerId}: the known customer in front of the staff, or null for a guest (reached at the contact given). */
    public PlacingOrders.Outcome place(Actor staff, String storeId, String customerId, OrderRequest request,
                                       IdempotencyKey key) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        if (staff.role() != Actor.Role.STAFF) throw new DomainException.Forbidden("only store staff sell in store");
        staff.requireStore(storeId);
        boolean guest = customerId == null || customerId.isBlank();
        if (guest && request.rewardCode() != null && !request.rewardCode().isBlank()) {
            // a points code is its owner's: staff present the code of the known customer in front of them
            throw new DomainException.InvalidInput("rewardCode",
                    "needs the customer in front of you (customerId): a guest has no points code");
        }
        var customer = guest ? Ids.newGuest() : customerId.strip();
        return placing.place(new PlacingOrders.PlaceOrder(Actor.customer(customer), request), key,
                new Order.SoldBy(storeId, staff.id()));
    }
}
