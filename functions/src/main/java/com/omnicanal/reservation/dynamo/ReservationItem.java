package com.omnicanal.reservation.dynamo;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * A reservation in the Orders table. {@code storeStatusKey} sorts a store's reservations by status then age;
 * {@code openStatus} exists only while held, so the expiry index holds only open holds.
 */
public final class ReservationItem {
    public static final String TYPE = "RESERVATION";

    public static final TableSchema<ReservationItem> SCHEMA = StaticTableSchema.builder(ReservationItem.class)
            .newItemSupplier(ReservationItem::new)
            .addAttribute(String.class, a -> a.name("id").getter(ReservationItem::getId).setter(ReservationItem::setId)
                    .tags(primaryPartitionKey()))
            .addAttribute(String.class, a -> a.name("type").getter(ReservationItem::getType).setter(ReservationItem::setType))
            .addAttribute(String.class, a -> a.name("customerId").getter(ReservationItem::getCustomerId)
                    .setter(ReservationItem::setCustomerId).tags(secondaryPartitionKey(TableDefinitions.ORDERS_BY_CUSTOMER)))
            .addAttribute(String.class, a -> a.name("createdAt").getter(ReservationItem::getCreatedAt)
                    .setter(ReservationItem::setCreatedAt).tags(secondarySortKey(TableDefinitions.ORDERS_BY_CUSTOMER)))
            .addAttribute(String.class, a -> a.name("storeId").getter(ReservationItem::getStoreId)
                    .setter(ReservationItem::setStoreId).tags(secondaryPartitionKey(TableDefinitions.ORDERS_BY_STORE)))
            .addAttribute(String.class, a -> a.name("storeStatusKey").getter(ReservationItem::getStoreStatusKey)
                    .setter(ReservationItem::setStoreStatusKey).tags(secondarySortKey(TableDefinitions.ORDERS_BY_STORE)))
            .addAttribute(String.class, a -> a.name("openStatus").getter(ReservationItem::getOpenStatus)
                    .setter(ReservationItem::setOpenStatus).tags(secondaryPartitionKey(TableDefinitions.ORDERS_OPEN_BY_EXPIRY)))
            .addAttribute(String.class, a -> a.name("expiresAt").getter(ReservationItem::getExpiresAt)
                    .setter(ReservationItem::setExpiresAt).tags(secondarySortKey(TableDefinitions.ORDERS_OPEN_BY_EXPIRY)))
            .addAttribute(String.class, a -> a.name("sku").getter(ReservationItem::getSku).setter(ReservationItem::setSku))
            .addAttribute(String.class, a -> a.name("productName").getter(ReservationItem::getProductName)
                    .setter(ReservationItem::setProductName))
            .addAttribute(String.class, a -> a.name("storeName").getter(ReservationItem::getStoreName)
                    .setter(ReservationItem::setStoreName))
            .addAttribute(Integer.class, a -> a.name("quantity").getter(ReservationItem::getQuantity)
                    .setter(ReservationItem::setQuantity))
            .addAttribute(String.class, a -> a.name("status").getter(ReservationItem::getStatus).setter(ReservationItem::setStatus))
            .addAttribute(String.class, a -> a.name("updatedAt").getter(ReservationItem::getUpdatedAt)
                    .setter(ReservationItem::setUpdatedAt))
            .build();

    private String id;
    private String type;
    private String customerId;
    private String createdAt;
    private String storeId;
    private String storeStatusKey;
    private String openStatus;
    private String expiresAt;
    private String sku;
    private String productName;
    private String storeName;
    private Integer quantity;
    private String status;
    private String updatedAt;

    public static String storeStatusKey(Reservation r) {
        // typed: click-and-collect orders share the table and its store index
        return TYPE + "#" + r.status().name() + "#" + Instants.format(r.createdAt()) + "#" + r.id();
    }

    public static ReservationItem of(Reservation r) {
        var item = new ReservationItem();
        item.id = r.id();
        item.type = TYPE;
        item.customerId = r.customerId();
        item.createdAt = Instants.format(r.createdAt());
        item.storeId = r.storeId();
        item.storeStatusKey = storeStatusKey(r);
        item.openStatus = r.status().isOpen() ? r.status().name() : null;
        item.expiresAt = Instants.format(r.expiresAt());
        item.sku = r.sku();
        item.productName = r.productName();
        item.storeName = r.storeName();
        item.quantity = r.quantity();
        item.status = r.status().name();
        item.updatedAt = Instants.format(r.updatedAt());
        return item;
    }

    public Reservation toReservation() {
        return new Reservation(id, customerId, sku, productName, storeId, storeName, quantity,
                ReservationStatus.valueOf(status), Instants.parse(createdAt), Instants.parse(expiresAt),
                Instants.parse(updatedAt));
    }

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getType() { return type; }
    public void setType(String type) { this.type = type; }
    public String getCustomerId() { return customerId; }
    public void setCustomerId(String customerId) { this.customerId = customerId; }
    public String getCreatedAt() { return createdAt; }
    public void setCreatedAt(String createdAt) { this.createdAt = createdAt; }
    public String getStoreId() { return storeId; }
    public void setStoreId(String storeId) { this.storeId = storeId; }
    public String getStoreStatusKey() { return storeStatusKey; }
    public void setStoreStatusKey(String storeStatusKey) { this.storeStatusKey = storeStatusKey; }
    public String getOpenStatus() { return openStatus; }
    public void setOpenStatus(String openStatus) { this.openStatus = openStatus; }
    public String getExpiresAt() { return expiresAt; }
    public void setExpiresAt(String expiresAt) { this.expiresAt = expiresAt; }
    public String getSku() { return sku; }
    public void setSku(String sku) { this.sku = sku; }
    public String getProductName() { return productName; }
    public void setProductName(String productName) { this.productName = productName; }
    public String getStoreName() { return storeName; }
    public void setStoreName(String storeName) { this.storeName = storeName; }
    public Integer getQuantity() { return quantity; }
    public void setQuantity(Integer quantity) { this.quantity = quantity; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public String getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(String updatedAt) { this.updatedAt = updatedAt; }
}
