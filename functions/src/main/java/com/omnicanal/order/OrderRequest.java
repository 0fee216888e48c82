package com.omnicanal.order;

import java.util.List;

/** What the storefront sends; nullable so the service can name what is missing. */
public record OrderRequest(List<LineRequest> lines, String pickupStoreId, Order.Contact contact,
                           String paymentAuthorization) {
    public record LineRequest(String sku, Integer quantity) {
    }
}
