package com.omnicanal.stock.dynamo;

import com.omnicanal.stock.StockLevel;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One stock item: pk SKU#sku, sk LOC#location; {@code available} is kept equal to onHand - reserved by every write. */
public final class StockItem {
    private StockItem() {
    }

    public static String pk(String sku) {
        return "SKU#" + sku;
    }

    public static String sk(String location) {
        return "LOC#" + location;
    }

    public static String feedPk(String storeId) {
        return "FEED#" + storeId;
    }

    public static Map<String, AttributeValue> key(String sku, String location) {
        return Map.of("pk", AttributeValue.fromS(pk(sku)), "sk", AttributeValue.fromS(sk(location)));
    }

    /** A new stock item, as the local stack's demo data and tests create them. */
    public static Map<String, AttributeValue> of(StockLevel level) {
        var item = new HashMap<>(key(level.sku(), level.location()));
        item.put("sku", AttributeValue.fromS(level.sku()));
        item.put("location", AttributeValue.fromS(level.location()));
        item.put("onHand", number(level.onHand()));
        item.put("reserved", number(level.reserved()));
        item.put("available", number(level.available()));
        return item;
    }

    public static StockLevel read(Map<String, AttributeValue> item) {
        return new StockLevel(item.get("sku").s(), item.get("location").s(), count(item, "onHand"), count(item, "reserved"),
                count(item, "inTransit"));
    }

    private static int count(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? 0 : Integer.parseInt(value.n());
    }

    private static AttributeValue number(int n) {
        return AttributeValue.fromN(Integer.toString(n));
    }
}
