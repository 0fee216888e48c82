package com.omnicanal.catalog;

/** What a store offers; a store whose record names none offers them all (stores written before services were listed). */
public enum StoreOffering { RESERVATION, CLICK_AND_COLLECT, SHIP_FROM_STORE, APPOINTMENTS, RETURNS }
