package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Whatever returns are asked and however the units come back, units are conserved: sold = kept by the customer +
 * returned and restocked + written off, and never more come back than were sold.
 */
class UnitConservationProperties {
    private static DynamoDbLocal dynamo;

    /** One return: how many units asked, by post or in which store, and how many come back resellable / damaged. */
    record Attempt(int asked, String where, int resellable, int damaged) {
    }

    @BeforeContainer
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterContainer
    static void stop() {
        dynamo.close();
    }

    @Property(tries = 40)
    void unitsAreConserved(@ForAll("sold") int sold, @ForAll("attempts") List<Attempt> attempts) {
        var fx = new ReturnFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10);
        var order = fx.collected("o", sold);
        int restocked = 0;
        int writtenOff = 0;
        int authorized = 0;
        int n = 0;
        for (var attempt : attempts) {
            boolean post = attempt.where().equals("WEB");
            try {
                var ra = fx.returns.request(fx.camille, ReturnFixture.ofOrder(order.id(), attempt.asked(), post ? "post" : "store"),
                        "r" + n++).authorization();
                authorized += attempt.asked();
                int good = Math.min(attempt.resellable(), attempt.asked());
                int bad = Math.min(attempt.damaged(), attempt.asked() - good);
                var lines = new ArrayList<ReturnService.Counted>();
                if (good > 0) lines.add(new ReturnService.Counted("TSH-COT-BLU-M", good, "resellable"));
                if (bad > 0) lines.add(new ReturnService.Counted("TSH-COT-BLU-M", bad, "damaged"));
                if (lines.isEmpty()) continue;
                var actor = post ? fx.warehouse : com.omnicanal.shared.Actor.staff("staff", attempt.where());
                fx.returns.receive(actor, attempt.where(), ra.id(), lines);
                restocked += good;
                writtenOff += bad;
            } catch (DomainException.InvalidInput refused) {
                assertThat(authorized + attempt.asked()).as("a return within what was sold was refused").isGreaterThan(sold);
            }
            assertThat(authorized).isLessThanOrEqualTo(sold);
        }
        int kept = sold - restocked - writtenOff;
        assertThat(kept).isGreaterThanOrEqualTo(0);
        assertThat(kept + restocked + writtenOff).isEqualTo(sold);
        int back = 0;
        for (var location : List.of("paris-rivoli", "lyon-republique", StockLevel.WEB)) {
            back += fx.backend.ledger.levels("TSH-COT-BLU-M").stream().filter(l -> l.location().equals(location))
                    .mapToInt(StockLevel::onHand).sum();
        }
        // Paris started with 10 and sold `sold`; every restocked unit is on hand somewhere again
        assertThat(back).isEqualTo(10 - sold + restocked);
    }

    @Provide
    Arbitrary<Integer> sold() {
        return Arbitraries.integers().between(1, 6);
    }

    @Provide
    Arbitrary<List<Attempt>> attempts() {
        return Combinators.combine(Arbitraries.integers().between(1, 4),
                        Arbitraries.of("paris-rivoli", "lyon-republique", "WEB"),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4))
                .as(Attempt::new).list().ofMinSize(1).ofMaxSize(5);
    }
}
