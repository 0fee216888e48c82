package com.omnicanal.catalog;

import java.time.Instant;

/** Port: where ops keep the stores. */
public interface StoreRegister {
    /** Writes the store whole, as {@code by} set it; true when it is new. */
    boolean save(Store store, String by, Instant at);
}
