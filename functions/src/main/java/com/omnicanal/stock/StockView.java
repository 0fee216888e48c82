package com.omnicanal.stock;

import java.util.List;

/**
 * Where a product can be had right now, as the storefront and the stores' tablets show it, with the price in force:
 * the web price, and each store's (its channel price and sales, read in the store's time zone).
 */
public record StockView(String sku, String productName, int totalAvailable, List<Location> locations, int priceCents,
                        String currency) {

    /** {@code inTransit}: units on their way to this place by transfer, shown but not sellable until received. */
    public record Location(String locationId, String type, String name, int available, int priceCents, int inTransit) {
        public Location(String locationId, String type, String name, int available, int priceCents) {
            this(locationId, type, name, available, priceCents, 0);
        }
    }
}
