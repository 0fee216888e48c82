package com.omnicanal.catalog;

/**
 * A product as the storefront lists it: the web price in force now ({@code regularPriceCents} beside it during a
 * sale), and where it can be had.
 */
public record ProductSummary(String sku, String name, String category, String brand, int priceCents, String currency,
                             String size, String color, Availability availability, Integer regularPriceCents) {

    /** Units free to sell on the web, how many stores have some, and the sum everywhere. */
    public record Availability(int web, int storesInStock, int totalAvailable) {
    }

    static ProductSummary of(Product p, int priceCents, Availability availability) {
        int regular = p.pricing().regular(SalesChannel.WEB);
        return new ProductSummary(p.sku(), p.name(), p.category(), p.brand(), priceCents, p.currency(), p.size(),
                p.color(), availability, regular == priceCents ? null : regular);
    }
}
