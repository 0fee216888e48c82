package com.omnicanal.catalog.feed;

import com.fasterxml.jackson.core.type.TypeReference;
import com.omnicanal.catalog.CatalogJourneys;
import com.omnicanal.catalog.FeedReport;
import com.omnicanal.catalog.ManagingStores;
import com.omnicanal.catalog.Store;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.shared.Actor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A catalogue kept as files (a feed of JSON lines and the stores as a JSON array), loaded the way ops would: the feed
 * through the import, each store through the same write as {@code PUT /ops/stores/{storeId}}. The local stack's demo
 * data, the tests' and the generated catalogues load so.
 */
public final class CatalogFiles {
    private CatalogFiles() {
    }

    public static FeedReport load(CatalogJourneys catalog, Actor ops, String feedId, String products, String stores) {
        for (var store : stores(stores)) catalog.managingStores().put(new ManagingStores.PutStore(ops, store));
        return catalog.importing().apply(ops, FeedFiles.jsonLines(feedId, products)).report();
    }

    public static List<Store> stores(String json) {
        try {
            return Json.MAPPER.readValue(json, new TypeReference<List<Store>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A resource of the classpath as text. */
    public static String resource(String name) {
        try (var in = CatalogFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
