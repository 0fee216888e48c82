package com.omnicanal.shared;

import com.github.f4b6a3.ulid.UlidCreator;

/** Time-ordered, unguessable identifiers (ULID: 26 characters, sortable by creation time). */
public final class Ids {
    private Ids() {
    }

    public static String newId() {
        return UlidCreator.getMonotonicUlid().toString();
    }
}
