package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.Store;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
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

    static Store read(Map<String, AttributeValue> item) {
        return JsonDocuments.read(item.get("store"), Store.class);
    }
}
