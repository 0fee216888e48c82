package com.omnicanal.testing;

import com.omnicanal.catalog.InMemoryCatalog;
import com.omnicanal.customer.dynamo.DynamoCustomers;
import com.omnicanal.infrastructure.config.Settings;
import com.omnicanal.shared.Actor;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.reservation.dynamo.DynamoReservations;
import com.omnicanal.routing.CatalogShippingPlaces;
import com.omnicanal.routing.GeoPoint;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.dynamo.DynamoDeliveries;
import com.omnicanal.routing.dynamo.DynamoRoutingRulesBook;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.StockService;
import com.omnicanal.stock.dynamo.DynamoStockLedger;
import com.omnicanal.stock.dynamo.StockItem;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** The real adapters and services over one DynamoDB endpoint, with a clock the test controls. */
public final class TestBackend implements Backend {
    /** Where the tests' web warehouse ships from (Dijon), for routing's distances. */
    public static final GeoPoint WEB_WAREHOUSE = new GeoPoint(47.3220, 5.0415);
    public static final Instant START = Instant.parse("2026-11-23T09:00:00Z");

    public final DynamoDbClient dynamo;
    public final TableNames tables;
    public final MutableClock clock = new MutableClock(START);
    /** The demo catalogue in memory, for services whose tests do not exercise the Catalog table. */
    public final InMemoryCatalog catalog = DemoCatalog.inMemory();
    public final DynamoStockLedger ledger;
    public final DynamoReservations reservations;
    public final ReservationService reservationService;
    public final StockService stockService;

    public TestBackend(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
        this.tables = TableNames.defaults();
        this.ledger = new DynamoStockLedger(dynamo, tables.stock());
        this.reservations = new DynamoReservations(dynamo, tables);
        this.reservationService = new ReservationService(catalog, ledger, reservations,
                new HoldPolicy(Duration.ofHours(48), 5), clock);
        this.stockService = new StockService(catalog, ledger, clock);
        withoutExpiry();
    }

    /** Home delivery on these tables, routed from the stores and the web warehouse at {@link #WEB_WAREHOUSE}. */
    public HomeDelivery homeDelivery() {
        return HomeDelivery.of(catalog, ledger, new CatalogShippingPlaces(catalog, WEB_WAREHOUSE),
                new DynamoDeliveries(dynamo, tables), new DynamoRoutingRulesBook(dynamo, tables), clock);
    }

    /**
     * DynamoDB Local deletes expired items by the wall clock, while these tests live on a fixed date: without this, a
     * record the test clock still holds valid (an Idempotency-Key) could vanish mid-test once the calendar passes it.
     * Expiry is judged by the service's own clock anyway (the claim's condition), which the tests do cover.
     */
    private void withoutExpiry() {
        withoutExpiry(dynamo, tables);
    }

    public static void withoutExpiry(DynamoDbClient dynamo, TableNames tables) {
        for (var table : TableDefinitions.expiring(tables)) {
            try {
                var status = dynamo.describeTimeToLive(r -> r.tableName(table)).timeToLiveDescription();
                if (status.timeToLiveStatus() != software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus.ENABLED) continue;
                dynamo.updateTimeToLive(r -> r.tableName(table).timeToLiveSpecification(t -> t.enabled(false)
                        .attributeName(TableDefinitions.TTL_ATTRIBUTE)));
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException notYetCreated) {
                // resetTables creates the tables, then comes back here
            }
        }
    }

    /** Drops and recreates every table, so each test starts empty. */
    public void resetTables() {
        for (var request : TableDefinitions.all(tables)) {
            try {
                dynamo.deleteTable(DeleteTableRequest.builder().tableName(request.tableName()).build());
            } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException absent) {
                // first run
            }
        }
        TableDefinitions.createAll(dynamo, tables);
        withoutExpiry();
    }

    /** The demo catalogue in the Catalog table, loaded through the import: for what reads it from DynamoDB (Wiring). */
    public void loadDemoCatalog() {
        DemoCatalog.into(dynamo, tables, clock);
    }

    public void stock(String sku, String location, int onHand) {
        dynamo.putItem(r -> r.tableName(tables.stock()).item(StockItem.of(new StockLevel(sku, location, onHand, 0))));
    }

    public StockLevel level(String sku, String location) {
        return ledger.levels(sku).stream().filter(l -> l.location().equals(location)).findFirst()
                .orElseThrow(() -> new AssertionError("no stock item " + sku + "@" + location));
    }

    /** Raw item of a stock line, to check the stored {@code available} attribute too. */
    public Map<String, AttributeValue> rawStock(String sku, String location) {
        return dynamo.getItem(r -> r.tableName(tables.stock()).key(StockItem.key(sku, location))).item();
    }

    /** The business events in the outbox, as the stream would hand them to feedback. */
    @Override
    public List<BusinessEvent> businessEvents() {
        return dynamo.scanPaginator(r -> r.tableName(tables.outbox()).consistentRead(true)).items().stream()
                .filter(OutboxItems::isEvent).map(OutboxItems::event).toList();
    }

    public Map<String, Integer> countItems() {
        var counts = new HashMap<String, Integer>();
        for (var request : TableDefinitions.all(tables)) {
            counts.put(request.tableName(),
                    dynamo.scan(ScanRequest.builder().tableName(request.tableName()).build()).count());
        }
        return counts;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public InMemoryCatalog catalog() {
        return catalog;
    }

    @Override
    public DynamoStockLedger ledger() {
        return ledger;
    }

    @Override
    public DynamoReservations reservations() {
        return reservations;
    }

    @Override
    public DynamoDeliveryLog deliveryLog() {
        return new DynamoDeliveryLog(dynamo, tables.outbox());
    }

    @Override
    public ReservationService reservationService() {
        return reservationService;
    }

    @Override
    public StockService stockService() {
        return stockService;
    }

    @Override
    public void reset() {
        resetTables();
    }

    @Override
    public StoredStock storedStock(String sku, String location) {
        var item = rawStock(sku, location);
        return new StoredStock(Integer.parseInt(item.get("onHand").n()), Integer.parseInt(item.get("reserved").n()),
                Integer.parseInt(item.get("available").n()));
    }

    @Override
    public void markErased(String customerId) {
        new DynamoCustomers(dynamo, tables.customers(), tables.outbox()).markErased(customerId, clock.instant());
    }

    @Override
    public void queue(OutboxMessage message) {
        dynamo.transactWriteItems(r -> r.transactItems(OutboxItems.put(tables.outbox(), message)));
    }

    public static Settings settings() {
        return new Settings(Map.of());
    }
}
