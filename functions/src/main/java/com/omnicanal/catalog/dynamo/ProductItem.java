package com.omnicanal.catalog.dynamo;

import com.omnicanal.catalog.Listing;
import com.omnicanal.catalog.PriceChange;
import com.omnicanal.catalog.Pricing;
import com.omnicanal.catalog.Product;
import com.omnicanal.catalog.ProductStatus;
import com.omnicanal.catalog.SalesChannel;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A product in the Catalog table: pk PRODUCT#sku, sk PRODUCT. {@code live} is the product as sold; {@code pending}
 * is what the run {@code pendingEpoch} wrote, sold from the moment that run completes (the catalogue's state says
 * which runs completed), so a feed becomes visible whole or not at all. Each is a map of the product's fields (the
 * scheduled price changes as one JSON document inside); {@code changedAt}/{@code changedBy} name the last feed.
 */
final class ProductItem {
    static final String SK = "PRODUCT";
    static final String PK_PREFIX = "PRODUCT#";

    private ProductItem() {
    }

    static Map<String, AttributeValue> key(String sku) {
        return Map.of("pk", AttributeValue.fromS(PK_PREFIX + sku), "sk", AttributeValue.fromS(SK));
    }

    /** The item a run writes: what is sold now (null for a new product) and what it will sell once complete. */
    static Map<String, AttributeValue> of(Product live, Product pending, long epoch, String feedId, Instant at) {
        var item = new HashMap<>(key(pending.sku()));
        item.put("sku", s(pending.sku()));
        if (live != null) item.put("live", AttributeValue.fromM(fields(live)));
        item.put("pending", AttributeValue.fromM(fields(pending)));
        item.put("pendingEpoch", AttributeValue.fromN(Long.toString(epoch)));
        item.put("changedAt", s(Instants.format(at)));
        item.put("changedBy", s(feedId));
        return item;
    }

    /** The product as sold in this state of the catalogue, or null when none is yet. */
    static Product resolve(Map<String, AttributeValue> item, CatalogState state) {
        var pending = item.get("pending");
        if (pending != null && state.completed(Long.parseLong(item.get("pendingEpoch").n()))) {
            return read(item.get("sku").s(), pending.m());
        }
        var live = item.get("live");
        return live == null ? null : read(item.get("sku").s(), live.m());
    }

    /** The words and status as sold in this state of the catalogue, from the fields the listing projects; null when none yet. */
    static Listing listing(Map<String, AttributeValue> item, CatalogState state) {
        var pending = item.get("pending");
        var fields = pending != null && state.completed(Long.parseLong(item.get("pendingEpoch").n())) ? pending : item.get("live");
        if (fields == null) return null;
        var f = fields.m();
        return new Listing(item.get("sku").s(), f.get("name").s(), f.get("category").s(), f.get("brand").s(), text(f, "size"),
                text(f, "color"), ProductStatus.valueOf(f.get("status").s()));
    }

    private static Map<String, AttributeValue> fields(Product product) {
        var fields = new HashMap<String, AttributeValue>();
        fields.put("name", s(product.name()));
        fields.put("category", s(product.category()));
        fields.put("brand", s(product.brand()));
        if (product.size() != null) fields.put("size", s(product.size()));
        if (product.color() != null) fields.put("color", s(product.color()));
        fields.put("currency", s(product.pricing().currency()));
        fields.put("priceCents", n(product.pricing().priceCents()));
        if (!product.pricing().channelPrices().isEmpty()) {
            var prices = new HashMap<String, AttributeValue>();
            product.pricing().channelPrices().forEach((channel, cents) -> prices.put(channel.name(), n(cents)));
            fields.put("channelPrices", AttributeValue.fromM(prices));
        }
        if (!product.pricing().changes().isEmpty()) fields.put("priceChanges", JsonDocuments.write(product.pricing().changes()));
        fields.put("status", s(product.status().name()));
        return fields;
    }

    private static Product read(String sku, Map<String, AttributeValue> fields) {
        var channelPrices = new EnumMap<SalesChannel, Integer>(SalesChannel.class);
        if (fields.containsKey("channelPrices")) {
            fields.get("channelPrices").m().forEach((channel, cents) -> channelPrices.put(SalesChannel.valueOf(channel),
                    Integer.parseInt(cents.n())));
        }
        List<PriceChange> changes = fields.containsKey("priceChanges")
                ? List.of(JsonDocuments.read(fields.get("priceChanges"), PriceChange[].class)) : List.of();
        return new Product(sku, fields.get("name").s(), fields.get("category").s(), fields.get("brand").s(),
                text(fields, "size"), text(fields, "color"),
                new Pricing(fields.get("currency").s(), Integer.parseInt(fields.get("priceCents").n()), channelPrices, changes),
                ProductStatus.valueOf(fields.get("status").s()));
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
