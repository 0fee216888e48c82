package com.omnicanal.testing.memory;

import com.omnicanal.catalog.seed.SeedCatalog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.StockService;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.Map;

/** The in-memory adapters and the services over them, as {@link TestBackend} builds them over DynamoDB: the fast tier. */
public final class InMemoryBackend implements Backend {
    private static final SeedCatalog CATALOG = SeedCatalog.fromClasspath();

    private final MutableClock clock = new MutableClock(TestBackend.START);
    private final InMemoryStore store = new InMemoryStore();
    private final InMemoryStockLedger ledger = new InMemoryStockLedger(store);
    private final InMemoryReservations reservations = new InMemoryReservations(store);
    private final InMemoryDeliveryLog deliveryLog = new InMemoryDeliveryLog(store);
    private final ReservationService reservationService = new ReservationService(CATALOG, ledger, reservations,
            new HoldPolicy(Duration.ofHours(48), 5), clock);
    private final StockService stockService = new StockService(CATALOG, ledger);

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Override
    public SeedCatalog catalog() {
        return CATALOG;
    }

    @Override
    public InMemoryStockLedger ledger() {
        return ledger;
    }

    @Override
    public InMemoryReservations reservations() {
        return reservations;
    }

    @Override
    public InMemoryDeliveryLog deliveryLog() {
        return deliveryLog;
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
        store.clear();
    }

    @Override
    public void stock(String sku, String location, int onHand) {
        store.putStock(new StockLevel(sku, location, onHand, 0));
    }

    @Override
    public StoredStock storedStock(String sku, String location) {
        var level = level(sku, location);
        return new StoredStock(level.onHand(), level.reserved(), level.available());
    }

    @Override
    public Map<String, Integer> countItems() {
        return store.counts();
    }

    @Override
    public void markErased(String customerId) {
        store.markErased(customerId);
    }

    @Override
    public void queue(OutboxMessage message) {
        if (!store.queue(message)) throw new IllegalStateException("outbox already holds " + message.dedupeKey());
    }
}
