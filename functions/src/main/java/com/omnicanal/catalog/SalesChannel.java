package com.omnicanal.catalog;

/** Where a product is sold: each may have its own price, else the product's one price holds. */
public enum SalesChannel { WEB, STORE }
