package com.omnicanal.catalog;

import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/** Browsing the catalogue: search with availability, and the list of stores. */
public final class CatalogService {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    private static final ProductSummary.Availability NONE = new ProductSummary.Availability(0, 0, 0);

    private final Catalog catalog;
    private final StockFigures stock;

    public CatalogService(Catalog catalog, StockFigures stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    public Page<ProductSummary> search(String query, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new DomainException.InvalidInput("limit", "must be between 1 and " + MAX_PAGE);
        }
        if (query != null && query.length() > 100) {
            throw new DomainException.InvalidInput("q", "must be at most 100 characters");
        }
        String after = cursor == null || cursor.isBlank() ? "" : decodeCursor(cursor);
        var needle = normalize(query == null ? "" : query.trim());
        var matches = catalog.products().stream()
                .filter(p -> p.sku().compareTo(after) > 0)
                .filter(p -> needle.isEmpty() || matches(p, needle))
                .limit(size + 1L)
                .toList();
        var page = matches.subList(0, Math.min(size, matches.size()));
        var figures = stock.availability(page.stream().map(Product::sku).toList());
        var items = page.stream()
                .map(p -> ProductSummary.of(p, figures.getOrDefault(p.sku(), NONE)))
                .toList();
        String next = matches.size() > size ? encodeCursor(page.get(page.size() - 1).sku()) : null;
        return new Page<>(items, next);
    }

    public List<Store> stores() {
        return catalog.stores();
    }

    /** Every word of the query must appear somewhere in the product's text. */
    private static boolean matches(Product p, String needle) {
        var text = normalize(p.sku() + " " + p.name() + " " + p.category() + " " + p.brand() + " "
                + (p.color() == null ? "" : p.color()));
        for (var word : needle.split("\\s+")) {
            if (!text.contains(word)) return false;
        }
        return true;
    }

    /** Case- and accent-insensitive, so "veste lin" finds "Veste en lin" and "ecru" finds "écru". */
    private static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static String encodeCursor(String sku) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("sku:" + sku).getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            var text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!text.startsWith("sku:")) throw new IllegalArgumentException();
            return text.substring(4);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this API returned");
        }
    }
}
