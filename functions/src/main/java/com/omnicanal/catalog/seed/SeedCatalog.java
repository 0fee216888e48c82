package com.omnicanal.catalog.seed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.Store;
import com.omnicanal.infrastructure.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue and stores shipped with the deployable as seed data (catalog/*.json), read once per container. */
public final class SeedCatalog implements Catalog {
    private final Map<String, Product> products;
    private final Map<String, Store> stores;

    public SeedCatalog(List<Product> products, List<Store> stores) {
        this.products = products.stream().sorted(Comparator.comparing(Product::sku))
                .collect(Collectors.toMap(Product::sku, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("SKU listed twice: " + a.sku());
                }, LinkedHashMap::new));
        this.stores = stores.stream().collect(Collectors.toMap(Store::id, Function.identity(), (a, b) -> {
            throw new IllegalStateException("store listed twice: " + a.id());
        }, LinkedHashMap::new));
    }

    public static SeedCatalog fromClasspath() {
        return new SeedCatalog(read("catalog/products.json", new TypeReference<>() { }),
                read("catalog/stores.json", new TypeReference<>() { }));
    }

    private static <T> List<T> read(String resource, TypeReference<List<T>> type) {
        try (var in = SeedCatalog.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing from the classpath");
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<Product> product(String sku) {
        return Optional.ofNullable(sku).map(products::get);
    }

    @Override
    public List<Product> products() {
        return List.copyOf(products.values());
    }

    @Override
    public List<Store> stores() {
        return List.copyOf(stores.values());
    }

    @Override
    public Optional<Store> store(String id) {
        return Optional.ofNullable(id).map(stores::get);
    }
}
