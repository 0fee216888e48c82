package com.omnicanal.returns;

import java.util.List;

/**
 * What the customer asks: the purchase (an order id, or the receipt reference of an in-store purchase), the lines,
 * why, how they bring it back, and optionally a replacement to hold at once (an exchange). Its shape is openapi.yaml's;
 * {@link RequestingReturns.RequestReturn} checks the rest.
 */
public record ReturnRequest(String orderId, String receiptReference, List<LineRequest> lines, String reason,
                            String method, String storeId, Exchange exchange) {
    public record LineRequest(String sku, Integer quantity) {
    }

    /** Another size (or colour) held at a store right away, in the same step as the return. */
    public record Exchange(String sku, String storeId, Integer quantity) {
    }
}
