package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.Listing;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreRegister;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
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
        return sku == null ? Optional.empty() : Optional.ofNullable(read(dynamo, table, List.of(sku), null).products().get(sku));
    }

    @Override
    public Map<String, Product> products(Collection<String> skus) {
        return read(dynamo, table, skus, null).products();
    }

    /** The store's key joins the product's batch: one round trip instead of two, the same read units. */
    @Override
    public ProductAndStore productAndStore(String sku, String storeId) {
        var read = read(dynamo, table, sku == null ? List.of() : List.of(sku), storeId);
        return new ProductAndStore(Optional.ofNullable(sku).map(read.products()::get), read.store());
    }

    private record Read(Map<String, Product> products, Optional<Store> store) {
    }

    /**
     * The products as sold now (and the store, when one is asked for): BatchGetItem by up to 100 keys, consistently, the
     * catalogue's state with the first keys (it says which runs completed), until nothing is left unprocessed.
     */
    static Map<String, Product> read(DynamoDbClient dynamo, String table, Collection<String> skus) {
        return read(dynamo, table, skus, null).products();
    }

    private static Read read(DynamoDbClient dynamo, String table, Collection<String> skus, String storeId) {
        var items = new ArrayList<Map<String, AttributeValue>>();
        CatalogState state = null;
        Store store = null;
        var keys = new ArrayList<Map<String, AttributeValue>>();
        keys.add(CatalogState.KEY);
        if (storeId != null) keys.add(StoreItem.key(storeId));
        skus.stream().distinct().map(ProductItem::key).forEach(keys::add);
        for (int i = 0; i < keys.size(); i += 100) {
            var chunk = keys.subList(i, Math.min(keys.size(), i + 100));
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            while (!request.isEmpty()) {
                var pending = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(pending));
                for (var item : response.responses().getOrDefault(table, List.of())) {
                    var pk = item.get("pk").s();
                    if (pk.equals("CATALOG")) state = CatalogState.read(item);
                    else if (pk.equals(StoreItem.PK)) store = StoreItem.read(item);
                    else items.add(item);
                }
                request = response.unprocessedKeys();
            }
        }
        var found = new LinkedHashMap<String, Product>();
        for (var item : items) {
            var product = ProductItem.resolve(item, state == null ? CatalogState.EMPTY : state);
            if (product != null) found.put(product.sku(), product);
        }
        return new Read(found, Optional.ofNullable(store));
    }

    /**
     * Every product's words and status, read by a parallel scan of {@link #SEGMENTS} segments with only those fields
     * projected (what the search needs at the start of a container: its cost is measured in BENCHMARKS.md).
     */
    @Override
    public List<Listing> listing() {
        return listing(dynamo, table);
    }

    /** The listing against one reading of the state, taken first: a run completing meanwhile is not seen half. */
    static List<Listing> listing(DynamoDbClient dynamo, String table) {
        var state = state(dynamo, table);
        var names = new java.util.HashMap<String, String>();
        var projection = new ArrayList<String>(List.of("sku", "pendingEpoch"));
        names.put("#name", "name");
        names.put("#size", "size");
        names.put("#status", "status");
        for (var copy : List.of("live", "pending")) {
            for (var field : List.of("#name", "category", "brand", "#size", "color", "#status")) projection.add(copy + "." + field);
        }
        var segments = new java.util.concurrent.ConcurrentLinkedQueue<Listing>();
        java.util.stream.IntStream.range(0, SEGMENTS).parallel().forEach(segment -> {
            Map<String, AttributeValue> start = null;
            do {
                var from = start;
                var page = dynamo.scan(r -> r.tableName(table).segment(segment).totalSegments(SEGMENTS).exclusiveStartKey(from)
                        .filterExpression("sk = :product").projectionExpression(String.join(", ", projection))
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":product", AttributeValue.fromS(ProductItem.SK))));
                page.items().forEach(item -> {
                    var listed = ProductItem.listing(item, state);
                    if (listed != null) segments.add(listed);
                });
                start = page.lastEvaluatedKey() == null || page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
            } while (start != null);
        });
        return List.copyOf(segments);
    }

    /** Parallel scan segments of the listing: DynamoDB reads them side by side. */
    static final int SEGMENTS = 4;

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
