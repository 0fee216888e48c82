package com.omnicanal.catalog;

/** A product left out of a complete feed is discontinued: no longer sold, still known to the orders that sold it. */
public enum ProductStatus { ACTIVE, DISCONTINUED }
