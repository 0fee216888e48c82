package com.omnicanal.stock.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import com.omnicanal.stock.StockLevel;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One stock item: pk SKU#sku, sk LOC#location; {@code available} is kept equal to onHand - reserved by every write. */
public final class StockItem {
    /** A static schema: no reflection at cold start. */
    public static final TableSchema<StockItem> SCHEMA = StaticTableSchema.builder(StockItem.class)
            .newItemSupplier(StockItem::new)
            .addAttribute(String.class, a -> a.name("pk").getter(StockItem::getPk).setter(StockItem::setPk)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("sk").getter(StockItem::getSk).setter(StockItem::setSk)
                    .tags(primarySortKey()))
            .addAttribute(String.class, a -> a.name("sku").getter(StockItem::getSku).setter(StockItem::setSku))
            .addAttribute(String.class, a -> a.name("location").getter(StockItem::getLocation).setter(StockItem::setLocation))
            .addAttribute(Integer.class, a -> a.name("onHand").getter(StockItem::getOnHand).setter(StockItem::setOnHand))
            .addAttribute(Integer.class, a -> a.name("reserved").getter(StockItem::getReserved).setter(StockItem::setReserved))
            .addAttribute(Integer.class, a -> a.name("available").getter(StockItem::getAvailable).setter(StockItem::setAvailable))
            .addAttribute(Long.class, a -> a.name("feedSeq").getter(StockItem::getFeedSeq).setter(StockItem::setFeedSeq))
            .build();

    private String pk;
    private String sk;
    private String sku;
    private String location;
    private Integer onHand;
    private Integer reserved;
    private Integer available;
    private Long feedSeq;

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
    public static StockItem of(StockLevel level) {
        var item = new StockItem();
        item.pk = pk(level.sku());
        item.sk = sk(level.location());
        item.sku = level.sku();
        item.location = level.location();
        item.onHand = level.onHand();
        item.reserved = level.reserved();
        item.available = level.available();
        return item;
    }

    public StockLevel toLevel() {
        return new StockLevel(sku, location, onHand == null ? 0 : onHand, reserved == null ? 0 : reserved);
    }

    public String getPk() { return pk; }
    public void setPk(String pk) { this.pk = pk; }
    public String getSk() { return sk; }
    public void setSk(String sk) { this.sk = sk; }
    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getLocation() { return location; }
    public void setLocation(String location) { this.location = location; }
    public Integer getOnHand() { return onHand; }
    public void setOnHand(Integer onHand) { this.onHand = onHand; }
    public Integer getReserved() { return reserved; }
    public void setReserved(Integer reserved) { this.reserved = reserved; }
    public Integer getAvailable() { return available; }
    public void setAvailable(Integer available) { this.available = available; }
    public Long getFeedSeq() { return feedSeq; }
    public void setFeedSeq(Long feedSeq) { this.feedSeq = feedSeq; }
}
