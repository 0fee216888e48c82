package com.omnicanal.catalog;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A product, one per size and colour, as the last feed that listed it says; discontinued once a complete feed leaves it out. */
public record Product(String sku, String name, String category, String brand, String size, String color,
                      Pricing pricing, ProductStatus status) {
    private static final Pattern SKU = Pattern.compile("^[A-Z0-9-]{3,32}$");
    private static final Pattern CATEGORY = Pattern.compile("^[a-z0-9-]{1,50}$");

    /** Orders and reservations take only what is sold now. */
    public boolean sellable() {
        return status == ProductStatus.ACTIVE;
    }

    public String currency() {
        return pricing.currency();
    }

    /** The price in force at {@code at} on {@code channel} (local times read in {@code zone}, where it is sold). */
    public int priceAt(Instant at, SalesChannel channel, ZoneId zone) {
        return pricing.inForce(at, channel, zone);
    }

    /** The same product as a feed lists it, sold again. */
    public Product active() {
        return new Product(sku, name, category, brand, size, color, pricing, ProductStatus.ACTIVE);
    }

    /** The same product, no longer sold: a complete feed left it out. */
    public Product discontinued() {
        return new Product(sku, name, category, brand, size, color, pricing, ProductStatus.DISCONTINUED);
    }

    /** What is wrong with it as a feed line; empty when it can be sold. */
    public List<String> problems() {
        var problems = new ArrayList<String>();
        if (sku == null || !SKU.matcher(sku).matches()) problems.add("sku is 3 to 32 capital letters, digits or hyphens");
        text(problems, "name", name, true, 200);
        if (category == null || !CATEGORY.matcher(category).matches()) {
            problems.add("category is 1 to 50 lower-case letters, digits or hyphens");
        }
        text(problems, "brand", brand, true, 100);
        text(problems, "size", size, false, 20);
        text(problems, "color", color, false, 50);
        if (pricing == null) {
            problems.add("priceCents and currency are required");
        } else {
            problems.addAll(pricing.problems());
        }
        return problems;
    }

    private static void text(List<String> problems, String field, String value, boolean required, int max) {
        if (value == null || value.isBlank()) {
            if (required) problems.add(field + " is required");
        } else if (value.codePointCount(0, value.length()) > max || value.chars().anyMatch(Character::isISOControl)) {
            problems.add(field + " is at most " + max + " characters, without control characters");
        }
    }
}
