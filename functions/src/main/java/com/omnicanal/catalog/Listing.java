package com.omnicanal.catalog;

/** A product as the search indexes it: its words and whether it is sold (prices are read for each page, at once). */
public record Listing(String sku, String name, String category, String brand, String size, String color,
                      ProductStatus status) {
}
