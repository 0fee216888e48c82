package com.omnicanal.stock;

/**
 * Units of one SKU at one location (a store or the web warehouse). Held units are part of on-hand but not available.
 * Invariants: 0 &lt;= reserved &lt;= onHand.
 */
public record StockLevel(String sku, String location, int onHand, int reserved) {
    public static final String WEB = "WEB";

    public StockLevel {
        if (reserved < 0 || onHand < reserved) {
            throw new IllegalArgumentException("stock of " + sku + " at " + location + " breaks 0 <= reserved <= onHand: "
                    + reserved + "/" + onHand);
        }
    }

    public int available() {
        return onHand - reserved;
    }

    public boolean isWeb() {
        return WEB.equals(location);
    }
}
