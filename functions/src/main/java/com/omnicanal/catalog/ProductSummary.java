package com.omnicanal.catalog;

/** A product as the storefront lists it, with where it can be had. */
public record ProductSummary(String sku, String name, String category, String brand, int priceCents, String currency,
                             String size, String color, Availability availability) {

    /** Units free to sell on the web, how many stores have some, and the sum everywhere. */
    public record Availability(int web, int storesInStock, int totalAvailable) {
    }

    static ProductSummary of(Product p, Availability availability) {
        return new ProductSummary(p.sku(), p.name(), p.category(), p.brand(), p.priceCents(), p.currency(), p.size(),
                p.color(), availability);
    }
}
