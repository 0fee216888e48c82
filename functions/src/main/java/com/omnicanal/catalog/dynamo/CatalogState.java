package com.omnicanal.catalog.dynamo;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalogue's state (pk CATALOG, sk STATE): the epoch of the run that began last, the epoch of the run that
 * completed last ({@code liveEpoch}, also the revision the search compares), and the runs that began but were left
 * unfinished when a newer one began ({@code abandoned}: their writes are never sold).
 */
record CatalogState(long epoch, long liveEpoch, Set<Long> abandoned) {
    static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("CATALOG"), "sk", AttributeValue.fromS("STATE"));
    static final CatalogState EMPTY = new CatalogState(0, 0, Set.of());

    /** Whether what the run {@code epoch} wrote is sold: it completed (every run before the last complete one did or was abandoned). */
    boolean completed(long runEpoch) {
        return runEpoch <= liveEpoch && !abandoned.contains(runEpoch);
    }

    static CatalogState read(Map<String, AttributeValue> item) {
        if (item == null || item.isEmpty()) return EMPTY;
        return new CatalogState(number(item, "epoch"), number(item, "liveEpoch"), item.containsKey("abandoned")
                ? item.get("abandoned").ns().stream().map(Long::parseLong).collect(Collectors.toUnmodifiableSet()) : Set.of());
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Long.parseLong(item.get(name).n()) : 0;
    }
}
