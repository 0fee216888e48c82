package com.omnicanal.stock;

import java.util.List;

/**
 * Where a product can be had right now, as the storefront and the stores' tablets show it, with the price in force:
 * the web price, and each store's (its channel price and sales, read in the store's time zone).
 */
public record StockView(String sku, String productName, int totalAvailable, List<Location> locations, int priceCents,
                        String currency) {

    public record Location(String locationId, String type, String name, int available, int priceCents) {
    }
}
