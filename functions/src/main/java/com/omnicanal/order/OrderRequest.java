package com.omnicanal.order;

import java.util.List;

/**
 * What the storefront sends, in the shape openapi.yaml states; {@link PlacingOrders.PlaceOrder} checks the rest.
 * {@code rewardCode}: optionally, the customer's own code bought with points, paying part of the order.
 */
public record OrderRequest(List<LineRequest> lines, String pickupStoreId, Order.Contact contact,
                           String paymentAuthorization, String rewardCode) {
    public record LineRequest(String sku, Integer quantity) {
    }

    /** An order paid in money only. */
    public OrderRequest(List<LineRequest> lines, String pickupStoreId, Order.Contact contact, String paymentAuthorization) {
        this(lines, pickupStoreId, contact, paymentAuthorization, null);
    }
}
