package com.omnicanal.catalog;

import java.util.List;
import java.util.Optional;

/** Port: the products and stores the retailer has. */
public interface Catalog {
    Optional<Product> product(String sku);

    /** Products sorted by SKU. */
    List<Product> products();

    List<Store> stores();

    Optional<Store> store(String id);
}
