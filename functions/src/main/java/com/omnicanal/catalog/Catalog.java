package com.omnicanal.catalog;

import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: the products and stores the retailer has, as the feeds and ops last set them (read at once, never cached). */
public interface Catalog {
    /** The product, whatever its status: a discontinued one is still what past orders sold. */
    Optional<Product> product(String sku);

    /** The products known among these SKUs, keyed by SKU. */
    Map<String, Product> products(Collection<String> skus);

    /** Every product as the search indexes it, whatever its status, in no particular order. */
    List<Listing> listing();

    /** Changes whenever a feed completes: a copy of the products made at another revision may be out of date. */
    long revision();

    /** The retailer's time zone: where the local times of a web sale are read (a store reads them in its own). */
    ZoneId zone();

    /** Every store, sorted by id. */
    List<Store> stores();

    Optional<Store> store(String id);

    /**
     * The product (whatever its status) and the store, read together: what a hold checks before it writes. DynamoDB
     * reads both in one round trip; the default reads them one after the other.
     */
    default ProductAndStore productAndStore(String sku, String storeId) {
        return new ProductAndStore(product(sku), store(storeId));
    }

    /** A product and a store as read together; either may be unknown. */
    record ProductAndStore(Optional<Product> product, Optional<Store> store) {
    }
}
