package com.omnicanal.routing;

import java.util.List;

/**
 * What the storefront (or a store's tablet) sends, in the shape openapi.yaml states; the use case checks the rest.
 * {@code customerId}: on a store's tablet only, the known customer in front of the staff (absent: a guest).
 * {@code rewardCode}: optionally, the customer's own code bought with points, paying part of the order.
 */
public record DeliveryOrderRequest(List<LineRequest> lines, DeliveryOrder.Address address,
                                   DeliveryOrder.DeliveryOption deliveryOption, Boolean oneParcel,
                                   DeliveryOrder.Contact contact, String paymentAuthorization, String customerId,
                                   String rewardCode) {
    public record LineRequest(String sku, Integer quantity) {
    }

    /** An order paid in money only. */
    public DeliveryOrderRequest(List<LineRequest> lines, DeliveryOrder.Address address,
                                DeliveryOrder.DeliveryOption deliveryOption, Boolean oneParcel,
                                DeliveryOrder.Contact contact, String paymentAuthorization, String customerId) {
        this(lines, address, deliveryOption, oneParcel, contact, paymentAuthorization, customerId, null);
    }
}
