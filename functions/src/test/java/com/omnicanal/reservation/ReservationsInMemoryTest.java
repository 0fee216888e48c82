package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.memory.InMemoryBackend;
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
        for (int round = 0; round < 300; round++) {
            backend.reset();
            backend.stock(sku, store, 5);
            int r = round;
            long held = Race.of(32).expecting(InsufficientStock.class)
                    .run(i -> backend.reserve(Actor.customer("cust-" + r + "-" + i), new ReservationRequest(sku, store, 1), "k"))
                    .count(Race.Outcome::succeeded);
            assertThat(held).as("round %d", round).isEqualTo(5);
            assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 5, 5));
            assertThat(backend.countItems()).containsEntry("Orders", 5).containsEntry("Outbox", 5 + 5);
        }
    }
}
