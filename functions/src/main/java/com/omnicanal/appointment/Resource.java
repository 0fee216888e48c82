package com.omnicanal.appointment;

/** Something appointments share at a store, a few at a time (fitting rooms: as many as the store has). */
public record Resource(String id, String storeId, String name, int capacity) {
}
