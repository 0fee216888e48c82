package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreRegister;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** The catalogue read from the Catalog table: products by SKU (consistent reads, so a price change is seen at once), stores by one query. */
public final class DynamoCatalog implements Catalog, StoreRegister {
    private final DynamoDbClient dynamo;
    private final String table;
    private final ZoneId zone;

    public DynamoCatalog(DynamoDbClient dynamo, String table, ZoneId zone) {
        this.dynamo = dynamo;
        this.table = table;
        this.zone = zone;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    @Override
    public Optional<Product> product(String sku) {
        return sku == null ? Optional.empty() : Optional.ofNullable(read(dynamo, table, List.of(sku)).get(sku));
    }

    @Override
    public Map<String, Product> products(Collection<String> skus) {
        return read(dynamo, table, skus);
    }

    /**
     * The products as sold now: BatchGetItem by up to 100 keys, consistently, the catalogue's state with the first
     * keys (it says which runs completed), until nothing is left unprocessed.
     */
    static Map<String, Product> read(DynamoDbClient dynamo, String table, Collection<String> skus) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        CatalogState state = null;
        var keys = new ArrayList<Map<String, AttributeValue>>();
        keys.add(CatalogState.KEY);
        skus.stream().distinct().map(ProductItem::key).forEach(keys::add);
        for (int i = 0; i < keys.size(); i += 100) {
            var chunk = keys.subList(i, Math.min(keys.size(), i + 100));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            while (!request.isEmpty()) {
                var pending = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(pending));
                for (var item : response.responses().getOrDefault(table, List.of())) {
                    if (item.get("pk").s().equals("CATALOG")) state = CatalogState.read(item); else items.add(item);
                }
                request = response.unprocessedKeys();
            }
        }
        var found = new LinkedHashMap<String, Product>();
        for (var item : items) {
            var product = ProductItem.resolve(item, state == null ? CatalogState.EMPTY : state);
            if (product != null) found.put(product.sku(), product);
        }
        return found;
    }

    @Override
    public List<Product> products() {
        var products = new ArrayList<Product>();
        scan(dynamo, table, products::add);
        products.sort(Comparator.comparing(Product::sku));
        return products;
    }

    /** Every product as sold, against one reading of the state (taken first: a run completing meanwhile is not seen half). */
    static void scan(DynamoDbClient dynamo, String table, java.util.function.Consumer<Product> each) {
        var state = state(dynamo, table);
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.scan(r -> r.tableName(table).exclusiveStartKey(from)
                    .filterExpression("sk = :product").expressionAttributeValues(Map.of(":product", AttributeValue.fromS(ProductItem.SK))));
            page.items().forEach(item -> {
                var product = ProductItem.resolve(item, state);
                if (product != null) each.accept(product);
            });
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
    }

    static CatalogState state(DynamoDbClient dynamo, String table) {
        return CatalogState.read(dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(CatalogState.KEY)).item());
    }

    @Override
    public long revision() {
        return state(dynamo, table).liveEpoch();
    }

    @Override
    public List<Store> stores() {
        var stores = new ArrayList<Store>();
        Map<String, AttributeValue> start = null;
        do {
            var from = start;
            var page = dynamo.query(r -> r.tableName(table).consistentRead(true).exclusiveStartKey(from)
                    .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(StoreItem.PK))));
            page.items().forEach(item -> stores.add(StoreItem.read(item)));
            start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
        } while (start != null);
        return stores;
    }

    @Override
    public Optional<Store> store(String id) {
        if (id == null) return Optional.empty();
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(StoreItem.key(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(StoreItem.read(item));
    }

    @Override
    public boolean save(Store store, String by, java.time.Instant at) {
        var old = dynamo.putItem(r -> r.tableName(table).item(StoreItem.of(store, by, at))
                .returnValues(software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD)).attributes();
        return old == null || old.isEmpty();
    }
}
