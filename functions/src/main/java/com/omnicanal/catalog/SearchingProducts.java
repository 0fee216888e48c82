package com.omnicanal.catalog;

import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The storefront searches the catalogue: every word of the query in the product's SKU, name, category, brand, colour
 * or size (case and accents folded), in SKU order, a page at a time, with the web price in force and availability.
 * Candidates come from a copy of the catalogue's searchable text kept by this container (built on the first search,
 * rebuilt when a feed completed since); each page's products are then read from the catalogue itself, so a price or a
 * discontinuation shows at once.
 */
public final class SearchingProducts {
    public static final int DEFAULT_PAGE = 20;
    public static final int MAX_PAGE = 100;
    private static final ProductSummary.Availability NONE = new ProductSummary.Availability(0, 0, 0);

    private final Catalog catalog;
    private final StockFigures stock;
    private final CatalogPolicy policy;
    private final Clock clock;
    private volatile SearchIndex index;

    public SearchingProducts(Catalog catalog, StockFigures stock, CatalogPolicy policy, Clock clock) {
        this.catalog = catalog;
        this.stock = stock;
        this.policy = policy;
        this.clock = clock;
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
        var words = Arrays.stream(fold(query == null ? "" : query.trim()).split("\\s+")).filter(w -> !w.isEmpty()).toList();
        var now = clock.instant();
        var found = new ArrayList<Product>();
        var candidates = index(now).after(after).filter(e -> e.matches(words)).iterator();
        // read a few more than the page: some may have been discontinued since the index was built
        while (found.size() <= size && candidates.hasNext()) {
            var chunk = new ArrayList<String>();
            while (chunk.size() < size + 1 && candidates.hasNext()) chunk.add(candidates.next().sku());
            var products = catalog.products(chunk);
            for (var sku : chunk) {
                var product = products.get(sku);
                if (product != null && product.sellable() && found.size() <= size) found.add(product);
            }
        }
        var page = found.subList(0, Math.min(size, found.size()));
        var figures = stock.availability(page.stream().map(Product::sku).toList());
        var items = page.stream().map(p -> ProductSummary.of(p, p.priceAt(now, SalesChannel.WEB, catalog.zone()),
                figures.getOrDefault(p.sku(), NONE))).toList();
        String next = found.size() > size ? encodeCursor(page.get(page.size() - 1).sku()) : null;
        return new Page<>(items, next);
    }

    /** The container's copy, rebuilt when the catalogue's revision moved on (checked at most every searchRefresh). */
    private SearchIndex index(Instant now) {
        var current = index;
        if (current != null && now.isBefore(current.checkedAt().plus(policy.searchRefresh()))) return current;
        synchronized (this) {
            current = index;
            if (current != null && now.isBefore(current.checkedAt().plus(policy.searchRefresh()))) return current;
            long revision = catalog.revision();
            if (current != null && current.revision() == revision) {
                index = current.checked(now);
            } else {
                index = SearchIndex.of(revision, catalog.products(), now);
            }
            return index;
        }
    }

    /** Case- and accent-insensitive, so "veste lin" finds "Veste en lin" and "ecru" finds "écru". */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    /** The searchable text of every product, sorted by SKU. */
    record SearchIndex(long revision, List<Entry> entries, Instant checkedAt) {
        record Entry(String sku, String text, String category) {
            boolean matches(List<String> words) {
                for (var word : words) if (!text.contains(word)) return false;
                return true;
            }
        }

        static SearchIndex of(long revision, List<Product> products, Instant at) {
            var entries = products.stream().filter(Product::sellable)
                    .map(p -> new Entry(p.sku(), fold(String.join(" ", p.sku(), p.name(), p.category(), p.brand(),
                            p.color() == null ? "" : p.color(), p.size() == null ? "" : p.size())), p.category()))
                    .sorted(Comparator.comparing(Entry::sku)).toList();
            return new SearchIndex(revision, entries, at);
        }

        SearchIndex checked(Instant at) {
            return new SearchIndex(revision, entries, at);
        }

        java.util.stream.Stream<Entry> after(String sku) {
            int from = 0;
            int to = entries.size();
            while (from < to) {
                int mid = (from + to) >>> 1;
                if (entries.get(mid).sku().compareTo(sku) <= 0) from = mid + 1; else to = mid;
            }
            return entries.subList(from, entries.size()).stream();
        }
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
