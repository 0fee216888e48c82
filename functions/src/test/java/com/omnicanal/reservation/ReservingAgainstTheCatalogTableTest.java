package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.catalog.CatalogPolicy;
import com.omnicanal.catalog.ImportingFeeds;
import com.omnicanal.catalog.ManagingStores;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.catalog.dynamo.DynamoCatalog;
import com.omnicanal.catalog.dynamo.DynamoCatalogFeeds;
import com.omnicanal.catalog.feed.CatalogFiles;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.reservation.dynamo.DynamoReservations;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DemoCatalog;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Reserving against the catalogue as the function reads it (the Catalog table): the product and the store come in one
 * round trip, and an unknown, discontinued or closed-to-reservations one is refused with the answers it always had
 * (404 unknown product, 409 no longer sold, 404 unknown store, 409 no reservations; the product judged first) and
 * nothing written.
 */
class ReservingAgainstTheCatalogTableTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass DYNAMO = new DynamoDbLocalPerClass();
    private static final Actor OPS = Actor.ops("ops-nadia");
    private static final String SKU = "TSH-COT-BLU-M";
    private static final String GONE = "TSH-COT-BLU-L";
    private static final String RIVOLI = "paris-rivoli";
    private static final String LYON = "lyon-republique";
    private final Actor camille = Actor.customer("cust-camille");
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private TestBackend backend;
    private ReservationService service;

    @BeforeEach
    void catalogueInItsTable() {
        backend = DYNAMO.backend();
        backend.resetTables();
        var catalog = DemoCatalog.into(backend.dynamo, backend.tables, backend.clock);
        // a complete feed without GONE discontinues it; Lyon stops taking reservations
        var demo = CatalogFiles.resource("demo/products.jsonl");
        var without = demo.lines().filter(l -> !l.contains("\"sku\":\"" + GONE + "\"")).toList();
        new ImportingFeeds(new DynamoCatalogFeeds(backend.dynamo, backend.tables.catalog()), CatalogPolicy.DEFAULT,
                backend.clock).apply(OPS, FeedFiles.jsonLines("without-" + GONE, String.join("\n", without) + "\n"));
        var lyon = catalog.store(LYON).orElseThrow();
        new ManagingStores(catalog, backend.clock).put(new ManagingStores.PutStore(OPS, new Store(lyon.id(), lyon.name(),
                lyon.address(), lyon.phone(), lyon.timeZone(), lyon.openingHours(), lyon.coordinates(),
                lyon.readyTargetMinutes(), List.of(StoreOffering.CLICK_AND_COLLECT), lyon.closures(), lyon.holidayHours())));
        for (var sku : List.of(SKU, GONE, "NO-SUCH-SKU")) {
            for (var store : List.of(RIVOLI, LYON, "no-such-store")) backend.stock(sku, store, 10);
        }
        var counted = counting(backend.dynamo);
        service = new ReservationService(new DynamoCatalog(counted, backend.tables.catalog(), ZoneId.of("Europe/Paris")),
                new DynamoStockLedger(counted, backend.tables.stock()),
                new DynamoReservations(counted, backend.tables), new HoldPolicy(Duration.ofHours(48), 5), backend.clock);
    }

    @Test
    void aHoldReadsProductAndStoreInOneRoundTripThenWritesOnce() {
        var held = reserve(SKU, RIVOLI, "k-1").reservation();

        assertThat(held.productName()).isEqualTo("T-shirt coton bio bleu");
        assertThat(held.storeName()).isEqualTo(backend.catalog.store(RIVOLI).orElseThrow().name());
        assertThat(backend.level(SKU, RIVOLI).reserved()).isEqualTo(1);
        assertThat(calls).containsOnlyKeys("batchGetItem", "transactWriteItems");
        assertThat(calls.get("batchGetItem")).hasValue(1);
        assertThat(calls.get("transactWriteItems")).hasValue(1);
    }

    @Test
    void anUnknownProductIsNotFoundBeforeTheStoreIsJudged() {
        refused("NO-SUCH-SKU", "no-such-store", DomainException.NotFound.class, "no product with SKU NO-SUCH-SKU");
        refused("NO-SUCH-SKU", LYON, DomainException.NotFound.class, "no product with SKU NO-SUCH-SKU");
        refused("NO-SUCH-SKU", RIVOLI, DomainException.NotFound.class, "no product with SKU NO-SUCH-SKU");
    }

    @Test
    void aDiscontinuedProductIsNoLongerSoldWhateverTheStore() {
        refused(GONE, RIVOLI, DomainException.InvalidState.class, GONE + " is no longer sold");
        refused(GONE, "no-such-store", DomainException.InvalidState.class, GONE + " is no longer sold");
    }

    @Test
    void anUnknownStoreIsNotFoundAndOneClosedToReservationsRefusesThem() {
        refused(SKU, "no-such-store", DomainException.NotFound.class, "no store no-such-store");
        refused(SKU, LYON, DomainException.InvalidState.class,
                backend.catalog.store(LYON).orElseThrow().name() + " does not take reservations");
    }

    private void refused(String sku, String store, Class<? extends DomainException> answer, String detail) {
        assertThatThrownBy(() -> reserve(sku, store, "k-" + sku + "-" + store)).isInstanceOf(answer).hasMessage(detail);
        assertThat(backend.countItems()).as("nothing written").containsEntry("Orders", 0).containsEntry("Outbox", 0)
                .containsEntry("Idempotency", 0);
        assertThat(backend.storedStock(sku, store)).isEqualTo(new com.omnicanal.testing.Backend.StoredStock(10, 0, 10));
        assertThat(calls).as("refused before any write").doesNotContainKey("transactWriteItems");
    }

    private ReservationService.Outcome reserve(String sku, String store, String key) {
        var request = new ReservationRequest(sku, store, 1);
        return service.reserve(camille, request, Keys.reservation(camille, key, request));
    }

    /** The client, counting the calls made through it by operation. */
    private DynamoDbClient counting(DynamoDbClient real) {
        return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("close") && !method.getName().equals("serviceName")) {
                        calls.computeIfAbsent(method.getName(), k -> new AtomicInteger()).incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
