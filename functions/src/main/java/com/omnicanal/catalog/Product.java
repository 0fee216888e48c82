package com.omnicanal.catalog;

/** A sellable item, one per size and colour. */
public record Product(String sku, String name, String category, String brand, int priceCents, String currency,
                      String size, String color) {
}
