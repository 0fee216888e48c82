package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.Store;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A store in the Catalog table: pk STORE, sk its id (one query lists them all), the store whole as one JSON document. */
final class StoreItem {
    static final String PK = "STORE";

    private StoreItem() {
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of("pk", AttributeValue.fromS(PK), "sk", AttributeValue.fromS(id));
    }

    static Map<String, AttributeValue> of(Store store, String by, Instant at) {
        var item = new HashMap<>(key(store.id()));
        item.put("id", AttributeValue.fromS(store.id()));
        item.put("store", JsonDocuments.write(store));
        item.put("changedAt", AttributeValue.fromS(Instants.format(at)));
        item.put("changedBy", AttributeValue.fromS(by));
        return item;
    }

    /**
     * The store its document describes: the same text always makes the same store (an immutable record), so a warm
     * container parses each version of a store once; nothing is served stale, the item is still read every time.
     */
    static Store read(Map<String, AttributeValue> item) {
        var document = item.get("store");
        var store = PARSED.get(document.s());
        if (store != null) return store;
        store = JsonDocuments.read(document, Store.class);
        // bounded: a retailer has hundreds of stores, and an edited store leaves its old text behind
        if (PARSED.size() >= MAX_PARSED) PARSED.clear();
        PARSED.put(document.s(), store);
        return store;
    }

    private static final int MAX_PARSED = 1_000;
    private static final Map<String, Store> PARSED = new ConcurrentHashMap<>();
}
