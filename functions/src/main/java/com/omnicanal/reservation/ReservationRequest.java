package com.omnicanal.reservation;

/** What the storefront sends to reserve: fields are nullable so the service can name the missing ones. */
public record ReservationRequest(String sku, String storeId, Integer quantity) {
}
