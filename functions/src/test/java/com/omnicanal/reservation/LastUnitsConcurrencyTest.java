package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.TestBackend;
import java.util.ArrayList;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** 50 customers race for the last 10 units: exactly 10 win, nobody oversells, stock never goes negative. */
class LastUnitsConcurrencyTest {

    @Test
    void fiftyParallelReservationsForTheLastTenUnitsGiveExactlyTenHolds() throws Exception {
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var backend = new TestBackend(dynamo.client());
            var sku = backend.catalog.products().get(0).sku();
            var store = backend.catalog.stores().get(0).id();
            backend.stock(sku, store, 10);

            var start = new CountDownLatch(1);
            var successes = new AtomicInteger();
            var shortages = new AtomicInteger();
            var unexpected = new ConcurrentLinkedQueue<Throwable>();
            var negativeSeen = new AtomicBoolean();
            var watching = new AtomicBoolean(true);
            var pool = Executors.newFixedThreadPool(16);
            var watcher = new Thread(() -> {
                while (watching.get()) {
                    var level = backend.rawStock(sku, store);
                    int onHand = Integer.parseInt(level.get("onHand").n());
                    int reserved = Integer.parseInt(level.get("reserved").n());
                    int available = Integer.parseInt(level.get("available").n());
                    if (available < 0 || reserved > onHand || available != onHand - reserved) negativeSeen.set(true);
                    Thread.onSpinWait();
                }
            });
            watcher.start();
            var futures = new ArrayList<Future<?>>();
            for (int i = 0; i < 50; i++) {
                var customer = Actor.customer("cust-" + i);
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        backend.reserve(customer, new ReservationRequest(sku, store, 1), "race");
                        successes.incrementAndGet();
                    } catch (InsufficientStock e) {
                        shortages.incrementAndGet();
                    } catch (Throwable t) {
                        unexpected.add(t);
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (var f : futures) f.get(60, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - began) / 1_000_000;
            watching.set(false);
            watcher.join();
            pool.shutdown();

            System.out.printf("last-units race: 50 reservers, 10 units -> %d held, %d refused, %d ms%n",
                    successes.get(), shortages.get(), millis);
            assertThat(unexpected).isEmpty();
            assertThat(successes.get()).isEqualTo(10);
            assertThat(shortages.get()).isEqualTo(40);
            assertThat(negativeSeen.get()).as("stock seen negative or inconsistent mid-race").isFalse();
            assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 10, 10));
            assertThat(backend.countItems()).containsEntry("Orders", 10).containsEntry("Outbox", 10);
        }
    }
}
