package com.omnicanal.loyalty;

/** The figures a store's report adds up. */
final class Reports {
    static final String ISSUED = "issued";
    static final String REDEEMED = "redeemed";
    static final String REVERSED = "reversed";
    static final String EXPIRED = "expired";
    static final String ADJUSTED = "adjusted";
    /** Points spent online or adjusted by ops belong to no store. */
    static final String WEB = "WEB";

    private Reports() {
    }

    static String store(String storeId) {
        return storeId == null || storeId.isBlank() ? WEB : storeId;
    }
}
