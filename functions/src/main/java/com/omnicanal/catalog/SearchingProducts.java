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
import java.util.Map;

/**
 * The storefront searches the catalogue: every word of the query in the product's SKU, name, category, brand, colour
 * or size (case and accents folded), in a category, in stock near the shopper; in SKU order, a page at a time, with
 * the web price in force and availability. Candidates come from a copy of the catalogue's words kept by this container
 * (built on its first search, rebuilt when a feed completed since, checked at most every searchRefresh); each page's
 * products are then read from the catalogue itself, so a price or a discontinuation shows at once.
 */
public final class SearchingProducts {
    public static final int DEFAULT_PAGE = 20;
    public static final int DEFAULT_RADIUS_KM = 20;
    /** A search near the shopper reads the stock of at most this many candidates per page, so its time is bounded. */
    public static final int MAX_EXAMINED = 2000;
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

    /**
     * A search. openapi.yaml states each parameter's shape; this checks what it cannot say: a cursor this API
     * returned, and a position given whole (latitude and longitude together, a radius only with them).
     */
    public record Search(String text, String category, Double latitude, Double longitude, Integer radiusKm, String cursor,
                         Integer limit) {
        public Search {
            if ((latitude == null) != (longitude == null)) {
                throw new DomainException.InvalidInput(latitude == null ? "lat" : "lon", "is given with lat and lon together");
            }
            if (radiusKm != null && latitude == null) throw new DomainException.InvalidInput("radiusKm", "is given with lat and lon");
            if (cursor != null && !cursor.isBlank()) decodeCursor(cursor);
        }

        public static Search text(String text) {
            return new Search(text, null, null, null, null, null, null);
        }

        boolean near() {
            return latitude != null;
        }
    }

    public Page<ProductSummary> search(Search search) {
        int size = search.limit() == null ? DEFAULT_PAGE : search.limit();
        String after = search.cursor() == null || search.cursor().isBlank() ? "" : decodeCursor(search.cursor());
        var words = Arrays.stream(fold(search.text() == null ? "" : search.text().trim()).split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        var nearby = search.near() ? storesNear(search) : List.<StoreNear>of();
        var now = clock.instant();
        var found = new ArrayList<Product>();
        var near = new java.util.HashMap<String, Map<String, Integer>>();
        var candidates = index(now).after(after)
                .filter(e -> e.matches(words) && (search.category() == null || e.category().equals(search.category())))
                .iterator();
        int examined = 0;
        String lastExamined = null;
        // read a few more than the page: some may have been discontinued since the index was built
        while (found.size() <= size && candidates.hasNext() && examined < (search.near() ? MAX_EXAMINED : Integer.MAX_VALUE)) {
            var chunk = new ArrayList<String>();
            while (chunk.size() < Math.max(size + 1, 50) && candidates.hasNext()) chunk.add(candidates.next().sku());
            examined += chunk.size();
            var products = catalog.products(chunk);
            var inStock = search.near() ? stock.availableAt(chunk, nearby.stream().map(s -> s.store().id()).toList()) : Map.<String, Map<String, Integer>>of();
            for (var sku : chunk) {
                var product = products.get(sku);
                if (product == null || !product.sellable() || (search.near() && !inStock.containsKey(sku))) continue;
                if (found.size() <= size) {
                    found.add(product);
                    if (search.near()) near.put(sku, inStock.get(sku));
                }
            }
            lastExamined = chunk.get(chunk.size() - 1);
        }
        var page = found.subList(0, Math.min(size, found.size()));
        var figures = stock.availability(page.stream().map(Product::sku).toList());
        var items = page.stream().map(p -> ProductSummary.of(p, p.priceAt(now, SalesChannel.WEB, catalog.zone()),
                figures.getOrDefault(p.sku(), NONE), search.near() ? nearbyWith(nearby, near.get(p.sku())) : null)).toList();
        String next = null;
        if (found.size() > size) {
            next = encodeCursor(page.get(page.size() - 1).sku());
        } else if (candidates.hasNext() && lastExamined != null) {
            // the bound on stock reads was reached before the page was full: the next page goes on from there
            next = encodeCursor(lastExamined);
        }
        return new Page<>(items, next);
    }

    /** Builds the copy now (a container's warm-up, before SnapStart's snapshot) rather than on the first search. */
    public void warm() {
        index(clock.instant());
    }

    /** A store within the radius of the shopper, and how far. */
    private record StoreNear(Store store, double distanceKm) {
    }

    private List<StoreNear> storesNear(Search search) {
        int radius = search.radiusKm() == null ? DEFAULT_RADIUS_KM : search.radiusKm();
        return catalog.stores().stream().filter(s -> s.coordinates() != null)
                .map(s -> new StoreNear(s, distanceKm(search.latitude(), search.longitude(), s.coordinates())))
                .filter(s -> s.distanceKm() <= radius).sorted(Comparator.comparingDouble(StoreNear::distanceKm)).toList();
    }

    private static List<ProductSummary.Nearby> nearbyWith(List<StoreNear> stores, Map<String, Integer> available) {
        return stores.stream().filter(s -> available.containsKey(s.store().id()))
                .map(s -> new ProductSummary.Nearby(s.store().id(), s.store().name(), Math.round(s.distanceKm() * 10) / 10.0,
                        available.get(s.store().id()))).toList();
    }

    /** Great-circle distance (haversine), in km. */
    static double distanceKm(double latitude, double longitude, Store.Coordinates to) {
        double dLat = Math.toRadians(to.latitude() - latitude);
        double dLon = Math.toRadians(to.longitude() - longitude);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(latitude)) * Math.cos(Math.toRadians(to.latitude())) * Math.pow(Math.sin(dLon / 2), 2);
        return 6371.0 * 2 * Math.asin(Math.sqrt(a));
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
                index = SearchIndex.of(revision, catalog.listing(), now);
            }
            return index;
        }
    }

    /** Case- and accent-insensitive, so "veste lin" finds "Veste en lin", "ecru" finds "écru" and "coeur" finds "cœur". */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replace("œ", "oe").replace("æ", "ae").replace("ß", "ss");
    }

    /** The searchable words of every product sold, sorted by SKU. */
    record SearchIndex(long revision, List<Entry> entries, Instant checkedAt) {
        record Entry(String sku, String text, String category) {
            boolean matches(List<String> words) {
                for (var word : words) if (!text.contains(word)) return false;
                return true;
            }
        }

        static SearchIndex of(long revision, List<Listing> listing, Instant at) {
            var entries = listing.stream().filter(p -> p.status() == ProductStatus.ACTIVE)
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
