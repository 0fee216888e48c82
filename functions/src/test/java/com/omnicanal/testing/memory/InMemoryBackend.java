package com.omnicanal.testing.memory;

import com.omnicanal.catalog.InMemoryCatalog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.HoldPolicy;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.StockService;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.DemoCatalog;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import com.omnicanal.shared.BusinessEvent;
import java.util.List;
import java.util.Map;

/** The in-memory adapters and the services over them, as {@link TestBackend} builds them over DynamoDB: the fast tier. */
public record InMemoryBackend(MutableClock clock, InMemoryCatalog catalog, InMemoryStore store, InMemoryStockLedger ledger,
                              InMemoryReservations reservations, InMemoryDeliveryLog deliveryLog,
                              ReservationService reservationService, StockService stockService) implements Backend {
    public static InMemoryBackend create() {
        var clock = new MutableClock(TestBackend.START);
        var store = new InMemoryStore();
        var ledger = new InMemoryStockLedger(store);
        var reservations = new InMemoryReservations(store);
        var catalog = DemoCatalog.inMemory();
        return new InMemoryBackend(clock, catalog, store, ledger, reservations, new InMemoryDeliveryLog(store),
                new ReservationService(catalog, ledger, reservations, new HoldPolicy(Duration.ofHours(48), 5), clock),
                new StockService(catalog, ledger, clock));
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
    public List<BusinessEvent> businessEvents() {
        synchronized (store) {
            return List.copyOf(store.events.values());
        }
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
