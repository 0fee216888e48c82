package com.omnicanal.order;

import java.util.List;

/** What the storefront sends, in the shape openapi.yaml states; {@link PlacingOrders.PlaceOrder} checks the rest. */
public record OrderRequest(List<LineRequest> lines, String pickupStoreId, Order.Contact contact,
                           String paymentAuthorization) {
    public record LineRequest(String sku, Integer quantity) {
    }
}
