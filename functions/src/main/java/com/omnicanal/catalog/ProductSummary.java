package com.omnicanal.catalog;

import java.util.List;

/**
 * A product as the storefront lists it: the web price in force now ({@code regularPriceCents} beside it during a
 * sale), where it can be had, and, for a search near the shopper, the stores near them that have it.
 */
public record ProductSummary(String sku, String name, String category, String brand, int priceCents, String currency,
                             String size, String color, Availability availability, Integer regularPriceCents,
                             List<Nearby> nearby) {

    /** Units free to sell on the web, how many stores have some, and the sum everywhere. */
    public record Availability(int web, int storesInStock, int totalAvailable) {
    }

    /** A store near the shopper with units free, and how far. */
    public record Nearby(String storeId, String name, double distanceKm, int available) {
    }

    static ProductSummary of(Product p, int priceCents, Availability availability, List<Nearby> nearby) {
        int regular = p.pricing().regular(SalesChannel.WEB);
        return new ProductSummary(p.sku(), p.name(), p.category(), p.brand(), priceCents, p.currency(), p.size(),
                p.color(), availability, regular == priceCents ? null : regular, nearby);
    }
}
