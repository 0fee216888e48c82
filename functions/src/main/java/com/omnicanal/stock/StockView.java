package com.omnicanal.stock;

import java.util.List;

/** Where a product can be had right now, as the storefront shows it. */
public record StockView(String sku, String productName, int totalAvailable, List<Location> locations) {

    public record Location(String locationId, String type, String name, int available) {
    }
}
