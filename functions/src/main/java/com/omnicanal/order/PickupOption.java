package com.omnicanal.order;

import java.time.Instant;
import java.util.Map;

/**
 * What we can offer when the pickup store lacks a line: the same store later, with the missing units transferred from
 * the web warehouse or another store; or another store that has every line now.
 */
public record PickupOption(String id, Kind kind, String storeId, String storeName, Instant readyBy,
                           Map<String, String> sources) {
    public enum Kind { TRANSFER, OTHER_STORE }
}
