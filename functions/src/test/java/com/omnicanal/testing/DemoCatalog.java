package com.omnicanal.testing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.catalog.CatalogFeeds;
import com.omnicanal.catalog.CatalogJourneys;
import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.InMemoryCatalog;
import com.omnicanal.catalog.StoreRegister;
import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.CatalogFiles;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.shared.Actor;
import java.time.Clock;
import java.time.ZoneId;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The local stack's demo catalogue (50 products, 6 stores), loaded through the import as the local stack does. */
public final class DemoCatalog {
    public static final String FEED_ID = "demo-catalog";
    private static final Actor OPS = Actor.ops("ops-tests");

    private DemoCatalog() {
    }

    /** In memory: for the services' tests that do not exercise the catalogue's storage. */
    public static InMemoryCatalog inMemory() {
        var catalog = new InMemoryCatalog();
        load(catalog, catalog, Clock.systemUTC());
        return catalog;
    }

    /** Into the Catalog table, through the DynamoDB adapters. */
    public static DynamoCatalog into(DynamoDbClient dynamo, TableNames tables, Clock clock) {
        var catalog = new DynamoCatalog(dynamo, tables.catalog(), ZoneId.of("Europe/Paris"));
        load(catalog, new DynamoCatalogFeeds(dynamo, tables.catalog()), clock);
        return catalog;
    }

    private static <T extends Catalog & StoreRegister> void load(T catalog, CatalogFeeds feeds, Clock clock) {
        var journeys = CatalogJourneys.of(catalog, feeds, com.omnicanal.catalog.StockFigures.NONE, CatalogPolicy.DEFAULT, clock);
        CatalogFiles.load(journeys, OPS, FEED_ID, CatalogFiles.resource("demo/products.jsonl"),
                CatalogFiles.resource("demo/stores.json"));
    }
}
