package com.omnicanal.shared;

import com.github.f4b6a3.ulid.UlidCreator;

/** Time-ordered, unguessable identifiers (ULID: 26 characters, sortable by creation time). */
public final class Ids {
    public static final int REFERENCE_LENGTH = 6;

    private Ids() {
    }

    public static String newId() {
        return UlidCreator.getMonotonicUlid().toString();
    }

    /** The prefix of the customer id an order sold in store to nobody known gets (no points, no profile). */
    public static final String GUEST = "guest-";

    /** A fresh guest's customer id. */
    public static String newGuest() {
        return GUEST + newId().toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean isGuest(String customerId) {
        return customerId != null && customerId.startsWith(GUEST);
    }

    /**
     * What the customer reads in a message and tells staff: the id's last 6 characters (its random part), which staff
     * see at the end of the id in their lists; stable, and practically unique among a store's orders or reservations.
     */
    public static String reference(String id) {
        return id.substring(Math.max(0, id.length() - REFERENCE_LENGTH));
    }
}
