package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.memory.InMemoryBackend;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The same contract on the in-memory adapters: the fast tier's stock and reservations behave as DynamoDB's do. */
@Tag("fast")
class ReservationsInMemoryTest extends ReservationsContract {
    @Override
    protected Backend backend() {
        return InMemoryBackend.create();
    }

    /**
     * The in-memory adapters are as safe under contention as DynamoDB's conditions: round after round, 32 threads race
     * for 5 units, and only 5 ever win (one race rarely interleaves in memory, where a hold takes microseconds).
     */
    @Test
    void roundAfterRoundOfRacesNeverOversells() throws Exception {
        var pool = Executors.newFixedThreadPool(32);
        try {
            for (int round = 0; round < 300; round++) {
                backend.reset();
                backend.stock(sku, store, 5);
                var barrier = new CyclicBarrier(32);
                var tasks = new ArrayList<Callable<Boolean>>();
                for (int i = 0; i < 32; i++) {
                    var customer = Actor.customer("cust-" + round + "-" + i);
                    tasks.add(() -> {
                        barrier.await();
                        try {
                            backend.reserve(customer, new ReservationRequest(sku, store, 1), "k");
                            return true;
                        } catch (InsufficientStock e) {
                            return false;
                        }
                    });
                }
                int held = 0;
                for (var outcome : pool.invokeAll(tasks)) held += outcome.get() ? 1 : 0;
                assertThat(held).as("round %d", round).isEqualTo(5);
                assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 5, 5));
                assertThat(backend.countItems()).containsEntry("Orders", 5).containsEntry("Outbox", 5 + 5);
            }
        } finally {
            pool.shutdown();
        }
    }
}
