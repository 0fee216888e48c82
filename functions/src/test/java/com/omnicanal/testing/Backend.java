package com.omnicanal.testing;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.messaging.DeliveryLog;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.reservation.Reservations;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.StockService;
import com.omnicanal.shared.BusinessEvent;
import java.util.List;
import java.util.Map;

/**
 * Stock, reservations and the outbox behind their ports, over one store (DynamoDB: {@link TestBackend}; memory, for the
 * fast tier: {@link com.omnicanal.testing.memory.InMemoryBackend}), the services built on them and a look inside for
 * the assertions. The contract tests run the same cases against each.
 */
public interface Backend {
    MutableClock clock();

    Catalog catalog();

    StockLedger ledger();

    Reservations reservations();

    /** The outbox as the dispatcher reads it. */
    DeliveryLog deliveryLog();

    ReservationService reservationService();

    /** A reservation as POST /reservations makes it, under this Idempotency-Key (scoped and fingerprinted as the edge does). */
    default ReservationService.Outcome reserve(Actor customer, ReservationRequest request, String key) {
        return reservationService().reserve(customer, request, Keys.reservation(customer, key, request));
    }

    StockService stockService();

    /** Starts empty. */
    void reset();

    /** A stock item as a store's first count sets it (nothing held). */
    void stock(String sku, String location, int onHand);

    default StockLevel level(String sku, String location) {
        return ledger().levels(sku).stream().filter(l -> l.location().equals(location)).findFirst()
                .orElseThrow(() -> new AssertionError("no stock item " + sku + "@" + location));
    }

    /** A stock item as stored, read at once (DynamoDB keeps an {@code available} attribute of its own, which every write updates). */
    StoredStock storedStock(String sku, String location);

    record StoredStock(int onHand, int reserved, int available) {
    }

    /** The business events the outbox holds, in no particular order. */
    List<BusinessEvent> businessEvents();

    /** Items per table: "Orders", "Outbox", "Idempotency". */
    Map<String, Integer> countItems();

    /** The customer was erased: every later write under the id is refused. */
    void markErased(String customerId);

    /** Writes a message into the outbox as a capability's transaction does. */
    void queue(OutboxMessage message);
}
