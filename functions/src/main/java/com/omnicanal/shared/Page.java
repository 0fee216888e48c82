package com.omnicanal.shared;

import java.util.List;

/** One page of a list and the opaque cursor to the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
