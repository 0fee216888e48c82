package com.omnicanal.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.stock.dynamo.StockWrites;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Stock's own writes, as reservations, orders and returns put them in their transactions: whatever the sequence of
 * holds, releases, sales and restocks, each is accepted exactly when the model says the units are there, a refused
 * hold tells how many were free, and the item keeps 0 &lt;= reserved &lt;= onHand with available = onHand - reserved.
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class StockWritesProperties {
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    enum Kind { HOLD, RELEASE, SELL, RESTOCK }

    record Step(Kind kind, int units) {
    }

    @Property(tries = 100)
    void eachWriteKeepsTheItemConsistentAndRefusesWhatIsNotThere(@ForAll("steps") List<Step> steps,
                                                                   @ForAll("initial") int initial) {
        var backend = new TestBackend(dynamo.client());
        backend.resetTables();
        var writes = new StockWrites(backend.tables);
        var transactions = new Transactions(backend.dynamo);
        var sku = backend.catalog.products().get(0).sku();
        var store = backend.catalog.stores().get(0).id();
        backend.stock(sku, store, initial);

        int onHand = initial;
        int reserved = 0;
        for (var step : steps) {
            int free = onHand - reserved;
            TransactWriteItem write = switch (step.kind()) {
                case HOLD -> writes.hold(sku, store, step.units());
                case RELEASE -> writes.release(sku, store, step.units());
                case SELL -> writes.sell(sku, store, step.units());
                case RESTOCK -> writes.restock(sku, store, step.units());
            };
            boolean expected = switch (step.kind()) {
                case HOLD -> free >= step.units();
                case RELEASE, SELL -> reserved >= step.units();
                case RESTOCK -> true;
            };
            var outcome = transactions.write(() -> List.of(write));
            assertThat(outcome.committed()).as("%s with %d on hand, %d held", step, onHand, reserved).isEqualTo(expected);
            if (!outcome.committed() && step.kind() == Kind.HOLD) {
                assertThat(StockWrites.availableBefore(outcome.reasons().get(0))).as("free units told").isEqualTo(free);
            }
            if (expected) {
                switch (step.kind()) {
                    case HOLD -> reserved += step.units();
                    case RELEASE -> reserved -= step.units();
                    case SELL -> {
                        onHand -= step.units();
                        reserved -= step.units();
                    }
                    case RESTOCK -> onHand += step.units();
                }
            }
            var level = backend.level(sku, store);
            assertThat(level.onHand()).as("on hand after %s", step).isEqualTo(onHand);
            assertThat(level.reserved()).as("held after %s", step).isEqualTo(reserved);
            assertThat(Integer.parseInt(backend.rawStock(sku, store).get("available").n())).isEqualTo(onHand - reserved);
        }
    }

    @Property(tries = 20)
    void aRestockWhereTheSkuNeverWasCreatesItsItem(@ForAll("units") int units) {
        var backend = new TestBackend(dynamo.client());
        backend.resetTables();
        var sku = backend.catalog.products().get(0).sku();
        assertThat(new Transactions(backend.dynamo).write(() -> List.of(
                new StockWrites(backend.tables).restock(sku, StockLevel.WEB, units))).committed()).isTrue();

        assertThat(backend.ledger.levels(sku)).containsExactly(new StockLevel(sku, StockLevel.WEB, units, 0));
        assertThat(Integer.parseInt(backend.rawStock(sku, StockLevel.WEB).get("available").n())).isEqualTo(units);
    }

    @Provide
    Arbitrary<Integer> initial() {
        return Arbitraries.integers().between(0, 12);
    }

    @Provide
    Arbitrary<Integer> units() {
        return Arbitraries.integers().between(1, 6);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        return net.jqwik.api.Combinators.combine(Arbitraries.of(Kind.class), units()).as(Step::new)
                .list().ofMinSize(1).ofMaxSize(25);
    }
}
