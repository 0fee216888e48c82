package com.omnicanal.routing;

import java.util.List;

/** What the storefront (or a store's tablet) sends, in the shape openapi.yaml states; the use case checks the rest. */
public record DeliveryOrderRequest(List<LineRequest> lines, DeliveryOrder.Address address,
                                   DeliveryOrder.DeliveryOption deliveryOption, Boolean oneParcel,
                                   DeliveryOrder.Contact contact, String paymentAuthorization) {
    public record LineRequest(String sku, Integer quantity) {
    }
}
