package com.omnicanal.local;

import com.omnicanal.catalog.PriceChange;
import com.omnicanal.catalog.Pricing;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.ProductStatus;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.catalog.feed.CatalogFiles;
import com.omnicanal.catalog.feed.FeedFiles;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A catalogue at retail size for the local stack (--catalog-size) and the benchmarks: the demo products, then products
 * made up of a kind, a material, a colour, a brand and a size (French names, accents included), a tenth with a store
 * price, a twentieth on sale. The same size and seed always give the same feed (the same fingerprint: a restart on disk
 * replays it).
 */
public final class GeneratedCatalog {
    private static final String[][] KINDS = {
            {"TSH", "T-shirt", "tshirts"}, {"CHE", "Chemise", "chemises"}, {"PUL", "Pull", "pulls"}, {"VES", "Veste", "vestes"},
            {"ROB", "Robe", "robes"}, {"JEA", "Jean", "jeans"}, {"PAN", "Pantalon", "pantalons"}, {"JUP", "Jupe", "jupes"},
            {"MAN", "Manteau", "manteaux"}, {"ECH", "Écharpe", "accessoires"}, {"BON", "Bonnet", "accessoires"},
            {"SAC", "Sac", "maroquinerie"}, {"CEI", "Ceinture", "maroquinerie"}, {"BOU", "Bougie", "maison"},
            {"PLA", "Plaid", "maison"}, {"MUG", "Mug", "maison"}};
    private static final String[] MATERIALS = {"coton bio", "lin", "laine mérinos", "cachemire", "soie", "denim", "velours",
            "cuir", "polaire", "viscose", "grès émaillé", "cire végétale"};
    private static final String[] COLOURS = {"bleu", "blanc", "noir", "écru", "rouge bordeaux", "vert sapin", "gris chiné",
            "rose poudré", "jaune moutarde", "bleu marine", "camel", "kaki", "lilas", "terracotta", "crème brûlée"};
    private static final String[] BRANDS = {"Atelier Canal", "Maison Lumière", "Nature Intérieure", "Les Ateliers du Nord",
            "Bretelles & Cœur", "Côté Océan", "Fil d'Ariane", "Hélène Prévost", "Île aux Pins", "Mistral Gagnant",
            "Nœud Papillon", "Petit Bateau Bleu", "Rive Gauche Studio", "Saône & Rhône", "Zéphyr"};
    private static final String[] SIZES = {"XS", "S", "M", "L", "XL", "XXL"};

    private GeneratedCatalog() {
    }

    /** The feed id of a generated catalogue of this size. */
    public static String feedId(int size) {
        return "generated-" + size;
    }

    /** {@code size} products as a feed: the demo catalogue's lines first, then made-up ones. */
    public static String feed(int size) {
        var demo = CatalogFiles.resource("demo/products.jsonl").lines().toList();
        var out = new StringBuilder(size * 200);
        demo.stream().limit(size).forEach(line -> out.append(line).append('\n'));
        var random = new SplittableRandom(20261123L);
        for (int i = 0; i < size - demo.size(); i++) out.append(FeedFiles.jsonLine(product(i, random))).append('\n');
        return out.toString();
    }

    /** Stock for one made-up product in five, at two stores and the web warehouse, so that "in stock near me" finds some. */
    public static List<com.omnicanal.stock.StockLevel> stock(int size, List<String> stores) {
        var levels = new java.util.ArrayList<com.omnicanal.stock.StockLevel>();
        var random = new SplittableRandom(20261123L);
        for (int i = 0; i < size - CatalogFiles.resource("demo/products.jsonl").lines().count(); i++) {
            var sku = product(i, random).sku();
            if (i % 5 != 0) continue;
            levels.add(new com.omnicanal.stock.StockLevel(sku, com.omnicanal.stock.StockLevel.WEB, 10 + i % 40, 0));
            levels.add(new com.omnicanal.stock.StockLevel(sku, stores.get(i % stores.size()), 1 + i % 7, 0));
            levels.add(new com.omnicanal.stock.StockLevel(sku, stores.get((i / 5) % stores.size()), 2, 0));
        }
        // one line per SKU and location (a transaction never writes an item twice)
        var unique = new java.util.LinkedHashMap<String, com.omnicanal.stock.StockLevel>();
        levels.forEach(l -> unique.putIfAbsent(l.sku() + "@" + l.location(), l));
        return List.copyOf(unique.values());
    }

    /** The SKU of the i-th made-up product (also what the benchmarks search for). */
    static Product product(int i, SplittableRandom random) {
        var kind = KINDS[i % KINDS.length];
        var material = MATERIALS[random.nextInt(MATERIALS.length)];
        var colour = COLOURS[random.nextInt(COLOURS.length)];
        var size = kind[2].equals("maison") || kind[2].equals("maroquinerie") ? null : SIZES[random.nextInt(SIZES.length)];
        int cents = (random.nextInt(5, 300) * 100) - 10;
        var channels = random.nextInt(10) == 0 ? Map.of(SalesChannel.STORE, cents - 200) : Map.<SalesChannel, Integer>of();
        var changes = random.nextInt(20) == 0
                ? List.of(new PriceChange(cents * 7 / 10, "2026-01-07T08:00:00", "2026-02-03T20:00:00", List.of()))
                : List.<PriceChange>of();
        var sku = String.format("G%s-%06d%s", kind[0], i, size == null ? "" : "-" + size);
        return new Product(sku, kind[1] + " " + material + " " + colour, kind[2], BRANDS[random.nextInt(BRANDS.length)], size,
                colour, new Pricing("EUR", cents, channels, changes), ProductStatus.ACTIVE);
    }
}
