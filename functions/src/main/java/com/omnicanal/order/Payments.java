package com.omnicanal.order;

/** Port: the payment service provider. The storefront pre-authorized the card; we capture at pickup or void. */
public interface Payments {
    void capture(String authorization, int amountCents, String orderId);

    void voidAuthorization(String authorization, String orderId);
}
