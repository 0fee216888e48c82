package com.omnicanal.stock;

/**
 * Units of one SKU at one location (a store or the web warehouse). Held units are part of on-hand but not available;
 * units in transit to the location (a transfer dispatched, not yet received) are apart from both: visible, not sellable.
 * Invariants: 0 &lt;= reserved &lt;= onHand, 0 &lt;= inTransit.
 */
public record StockLevel(String sku, String location, int onHand, int reserved, int inTransit) {
    public static final String WEB = "WEB";

    public StockLevel {
        if (reserved < 0 || onHand < reserved || inTransit < 0) {
            throw new IllegalArgumentException("stock of " + sku + " at " + location + " breaks 0 <= reserved <= onHand: "
                    + reserved + "/" + onHand + " (in transit " + inTransit + ")");
        }
    }

    public StockLevel(String sku, String location, int onHand, int reserved) {
        this(sku, location, onHand, reserved, 0);
    }

    public int available() {
        return onHand - reserved;
    }

    public boolean isWeb() {
        return WEB.equals(location);
    }
}
