package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Whatever returns are asked, rejected, received (in full or short) or left to expire, in any order: units returned +
 * units still returnable + units held by open authorizations = units bought, a return within what is still
 * returnable is never refused, and every unit is accounted for (kept by the customer, back on hand, or written off).
 */
@AddLifecycleHook(DynamoDbLocalPerClass.InContainer.class)
class UnitConservationProperties {
    private static final String SKU = "TSH-COT-BLU-M";
    private static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    sealed interface Step {
    }

    record Request(int asked, boolean byPost) implements Step {
    }

    /** Ops reject one of the returns so far (requested or already received), picked by index. */
    record Reject(int pick) implements Step {
    }

    /** One of the returns so far comes back, maybe short: this many resellable and damaged units, at this store. */
    record Receive(int pick, int resellable, int damaged, String store) implements Step {
    }

    /** The customer does not come: the authorization's time runs out and the sweeper passes. */
    record Expire() implements Step {
    }

    @Property(tries = 40)
    void unitsAreConserved(@ForAll("sold") int sold, @ForAll("steps") List<Step> steps) {
        var fx = new ReturnFixture(dynamo.client());
        fx.backend.stock(SKU, "paris-rivoli", 10);
        var order = fx.collected("o", sold);
        var ids = new ArrayList<String>();
        int n = 0;
        for (var step : steps) {
            int returnable = returnable(fx, order.id(), sold);
            if (step instanceof Request r) {
                boolean windowOpen = !fx.backend.clock.instant().isAfter(order.updatedAt().plus(Duration.ofDays(30)));
                try {
                    ids.add(fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), r.asked(),
                            r.byPost() ? "post" : "store"), "r" + n++).authorization().id());
                    assertThat(r.asked()).as("authorised within what is still returnable").isLessThanOrEqualTo(returnable);
                } catch (DomainException.InvalidInput refused) {
                    assertThat(r.asked()).as("a return within what is still returnable was refused").isGreaterThan(returnable);
                } catch (DomainException.InvalidState windowClosed) {
                    assertThat(windowOpen).isFalse();
                }
            } else if (step instanceof Reject r && !ids.isEmpty()) {
                var id = ids.get(r.pick() % ids.size());
                try {
                    fx.decisions.reject(fx.ops, id, "refusé");
                } catch (DomainException.InvalidState over) {
                    assertThat(fx.following.get(fx.ops, id).status()).isIn(ReturnStatus.REJECTED, ReturnStatus.EXPIRED);
                }
            } else if (step instanceof Receive r && !ids.isEmpty()) {
                var ra = fx.following.get(fx.ops, ids.get(r.pick() % ids.size()));
                int asked = ra.lines().get(0).quantity();
                int good = Math.min(r.resellable(), asked);
                int bad = Math.min(r.damaged(), asked - good);
                var lines = new ArrayList<ReceivingReturns.Counted>();
                if (good > 0) lines.add(new ReceivingReturns.Counted(SKU, good, "resellable"));
                if (bad > 0) lines.add(new ReceivingReturns.Counted(SKU, bad, "damaged"));
                if (lines.isEmpty()) continue;
                boolean post = ra.method() == ReturnAuthorization.Method.POST;
                var where = post ? StockLevel.WEB : r.store();
                try {
                    fx.receiving.receive(post ? fx.warehouse : Actor.staff("staff", where), where, ra.id(), lines);
                    assertThat(ra.status()).isEqualTo(ReturnStatus.REQUESTED);
                } catch (DomainException.InvalidState closed) {
                    assertThat(ra.status()).isNotEqualTo(ReturnStatus.REQUESTED);
                }
            } else if (step instanceof Expire) {
                fx.backend.clock.advance(ReturnPolicy.DEFAULT.validity().plusMinutes(1));
                fx.expiring.sweep();
            }
            assertConserved(fx, order.id(), sold, ids);
        }
    }

    private static void assertConserved(ReturnFixture fx, String orderId, int sold, List<String> ids) {
        int returned = 0;
        int held = 0;
        int restocked = 0;
        int writtenOff = 0;
        for (var id : ids) {
            var ra = fx.following.get(fx.ops, id);
            var line = ra.lines().get(0);
            if (ra.status() == ReturnStatus.REQUESTED) held += line.quantity();
            if (ra.receivedOn() != null) {
                returned += line.resellable() + line.damaged();
                restocked += line.resellable();
                writtenOff += line.damaged();
            }
        }
        assertThat(returned + returnable(fx, orderId, sold) + held).as("returned + returnable + held = bought").isEqualTo(sold);
        int onHand = 0;
        for (var location : List.of("paris-rivoli", "lyon-republique", StockLevel.WEB)) {
            onHand += fx.backend.ledger.levels(SKU).stream().filter(l -> l.location().equals(location))
                    .mapToInt(StockLevel::onHand).sum();
        }
        // Paris started with 10 and sold `sold`; every restocked unit is on hand somewhere again
        assertThat(onHand).isEqualTo(10 - sold + restocked);
        assertThat(sold - returned).as("kept by the customer").isGreaterThanOrEqualTo(0);
        assertThat(restocked + writtenOff).isEqualTo(returned);
    }

    /** What the purchase may still return: bought less the units its authorizations take (the tally). */
    private static int returnable(ReturnFixture fx, String orderId, int sold) {
        var tally = fx.backend.dynamo.getItem(r -> r.tableName(fx.backend.tables.orders()).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS("RETURNED#ORDER#" + orderId)))).item();
        var taken = tally == null ? null : tally.get("returned_" + SKU);
        return sold - (taken == null ? 0 : Integer.parseInt(taken.n()));
    }

    @Provide
    Arbitrary<Integer> sold() {
        return Arbitraries.integers().between(1, 6);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> request = Combinators.combine(Arbitraries.integers().between(1, 4), Arbitraries.of(true, false))
                .as(Request::new);
        Arbitrary<Step> reject = Arbitraries.integers().between(0, 7).map(Reject::new);
        Arbitrary<Step> receive = Combinators.combine(Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 4),
                        Arbitraries.of("paris-rivoli", "lyon-republique"))
                .as(Receive::new);
        Arbitrary<Step> expire = Arbitraries.just(new Expire());
        return Arbitraries.frequencyOf(Tuple.of(4, request), Tuple.of(2, reject),
                Tuple.of(3, receive), Tuple.of(1, expire)).list().ofMinSize(1).ofMaxSize(8);
    }
}
