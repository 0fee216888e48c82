package com.omnicanal.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.reservation.InsufficientStock;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.Backend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of reservations, cancellations, purchases, expiries and store counts keeps the stock item consistent
 * with a simple model: 0 &lt;= reserved &lt;= onHand, reserved equals the units of held reservations, and on-hand
 * changes only by sales and counts (a count equal to on-hand is skipped and changes nothing). Run on DynamoDB Local and on the in-memory adapters (the fast tier).
 */
abstract class StockInvariantProperties {

    sealed interface Step permits Reserve, Cancel, Complete, Expire, Count, Recount {
    }

    record Reserve(int quantity) implements Step {
    }

    record Cancel(int which) implements Step {
    }

    record Complete(int which) implements Step {
    }

    record Expire(int hours) implements Step {
    }

    record Count(int onHand) implements Step {
    }

    /** The store counts what the item holds already: the line is skipped, not written. */
    record Recount() implements Step {
    }

    /** A backend whose tables are empty. */
    protected abstract Backend emptyBackend();

    @Property(tries = 100)
    void stockStaysConsistentWhateverHappens(@ForAll("steps") List<Step> steps, @ForAll("initial") int initial) {
        var backend = emptyBackend();
        var sku = backend.catalog().listing().get(0).sku();
        var store = backend.catalog().stores().get(0).id();
        var staff = Actor.staff("staff", store);
        backend.stock(sku, store, initial);

        int onHand = initial;
        long feed = 0;
        var held = new ArrayList<Reservation>();
        int n = 0;
        for (var step : steps) {
            int reservedNow = held.stream().mapToInt(Reservation::quantity).sum();
            if (step instanceof Reserve r) {
                boolean fits = onHand - reservedNow >= r.quantity();
                try {
                    var made = backend.reserve(Actor.customer("c" + n), new ReservationRequest(sku, store,
                            r.quantity()), "k" + n++).reservation();
                    assertThat(fits).as("reservation accepted beyond availability").isTrue();
                    held.add(made);
                } catch (InsufficientStock e) {
                    assertThat(fits).as("reservation refused though units were free").isFalse();
                }
            } else if (step instanceof Cancel c && !held.isEmpty()) {
                var r = held.remove(c.which() % held.size());
                backend.reservationService().cancel(Actor.customer(r.customerId()), r.id());
            } else if (step instanceof Complete c && !held.isEmpty()) {
                var r = held.remove(c.which() % held.size());
                backend.reservationService().complete(staff, store, r.id());
                onHand -= r.quantity();
            } else if (step instanceof Expire e) {
                backend.clock().advance(Duration.ofHours(e.hours()));
                var now = backend.clock().instant();
                backend.reservationService().releaseExpired(10);
                held.removeIf(r -> !r.expiresAt().isAfter(now));
            } else if (step instanceof Count c) {
                backend.stockService().applyFeed(staff, store, new StockFeed(++feed, List.of(new StockFeed.Line(sku, c.onHand()))));
                onHand = Math.max(c.onHand(), reservedNow);
            } else if (step instanceof Recount) {
                var result = backend.stockService().applyFeed(staff, store,
                        new StockFeed(++feed, List.of(new StockFeed.Line(sku, onHand))));
                assertThat(result.linesUnchanged()).as("an unchanged count is not written").isEqualTo(1);
            }
            var level = backend.level(sku, store);
            int expectedReserved = held.stream().mapToInt(Reservation::quantity).sum();
            assertThat(level.reserved()).as("held units after %s", step).isEqualTo(expectedReserved);
            assertThat(level.onHand()).as("on-hand after %s", step).isEqualTo(onHand);
            assertThat(level.reserved()).isBetween(0, level.onHand());
            assertThat(backend.storedStock(sku, store).available()).isEqualTo(level.available());
            for (var r : held) {
                assertThat(backend.reservations().find(r.id()).orElseThrow().status()).isEqualTo(ReservationStatus.HELD);
            }
        }
    }

    @Provide
    Arbitrary<Integer> initial() {
        return Arbitraries.integers().between(0, 12);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 5).map(Reserve::new),
                Arbitraries.integers().between(0, 20).map(Cancel::new),
                Arbitraries.integers().between(0, 20).map(Complete::new),
                Arbitraries.integers().between(1, 30).map(Expire::new),
                Arbitraries.integers().between(0, 15).map(Count::new),
                Arbitraries.just(new Recount()));
        return step.list().ofMinSize(1).ofMaxSize(25);
    }
}
