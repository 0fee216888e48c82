package com.omnicanal.loyalty;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A collected web order earns on the web channel, once however often the stream delivers it; its return takes back. */
class LoyaltyFromWebOrdersTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String STORE = "paris-rivoli";
    private static final Actor CAMILLE = Actor.customer("cust-camille");
    private static final Actor LEA = Actor.staff("staff-lea", STORE);
    private TestBackend backend;
    private DynamoLoyaltyLedger ledger;
    private LoyaltyProgramme loyalty;
    private ClickAndCollect orders;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        ledger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        var orderStore = new DynamoOrders(backend.dynamo, backend.tables);
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, orderStore, new RecordingPayments(backend.clock),
                OrderPolicy.DEFAULT, backend.clock);
        loyalty = LoyaltyProgramme.of(backend.catalog, ledger, ledger, orderStore, () -> "FIDEL-TEST", Members.NONE,
                Duration.ofDays(30), backend.clock);
        backend.stock("TSH-COT-BLU-M", STORE, 10);
    }

    private Order collected(String key, int quantity) {
        var command = new PlacingOrders.PlaceOrder(CAMILLE, new OrderRequest(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M",
                quantity)), STORE, new Order.Contact("Camille Martin", "camille.martin@example.fr", "06 12 34 56 78"), "pa_loyalty_1"));
        var order = orders.placing().place(command, Keys.order(command, key)).order();
        orders.preparing().accept(LEA, STORE, order.id());
        var ready = orders.preparing().ready(LEA, STORE, order.id());
        orders.collecting().collect(LEA, STORE, order.id(), ready.pickupCode());
        return ready;
    }

    @Test
    void aCollectedOrderEarnsOnceOnTheWebChannelAndItsReturnTakesBackTheReturnedUnitsOnce() {
        var order = collected("o-1", 3);
        var event = new BusinessEvent.OrderCollected(order.id(), "cust-camille", STORE, Set.of("TSH-COT-BLU-M"), backend.clock.instant());
        loyalty.purchases().happened(event);
        loyalty.purchases().happened(event);
        var batch = ledger.batch("cust-camille", "ORDER#" + order.id()).orElseThrow();
        long paid = (long) order.lines().get(0).unitPriceCents() * 3;
        // a euro a point on what was paid, and the first purchase's 50
        assertThat(batch.points()).isEqualTo(paid / 100 + 50);
        assertThat(batch.channel()).isEqualTo("WEB");
        assertThat(ledger.account("cust-camille").orElseThrow().pending()).isEqualTo(batch.points());
        assertThat(ledger.allEntries("cust-camille")).singleElement().satisfies(e -> assertThat(e.type()).isEqualTo(Entry.Type.EARN));

        var returned = new BusinessEvent.ReturnReceived("ret-1", "cust-camille", "lyon-republique", Set.of("TSH-COT-BLU-M"),
                backend.clock.instant(), STORE, "ORDER", order.id(), Map.of("TSH-COT-BLU-M", 1));
        loyalty.purchases().happened(returned);
        loyalty.purchases().happened(returned);
        long line = paid / 100;
        // one unit of three: a third of the line's points, rounded down (the last unit returned settles the rest)
        assertThat(ledger.account("cust-camille").orElseThrow().pending()).isEqualTo(batch.points() - line / 3);
        // a return event without its purchase (written before returns told it) changes nothing
        loyalty.purchases().happened(new BusinessEvent.ReturnReceived("ret-old", "cust-camille", STORE, Set.of("TSH-COT-BLU-M"),
                backend.clock.instant()));
        assertThat(ledger.allEntries("cust-camille")).hasSize(2);
    }
}
