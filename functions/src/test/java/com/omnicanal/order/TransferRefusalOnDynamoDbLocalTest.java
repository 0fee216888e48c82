package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.routing.RoutingRules;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.RetailDay;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source refuses a transfer: in one write it is REFUSED, its hold released and counted as its rejection, and the line
 * routed again to the next place (never the one that refused), or, with no place left, the order rejected and nothing
 * held. Stock: Rivoli lacks the linen jacket; Saint-Germain (nearest) has 3, the web warehouse 4.
 */
class TransferRefusalOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    static final String TEE = "TSH-COT-BLU-M";
    static final String LINEN = "VES-LIN-BEI-M";

    OrderFixture fx;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client(), true).stocked();
    }

    Order confirmed(String key) {
        var order = fx.placed(key, TEE, "1", LINEN, "1");
        return fx.confirm(fx.camille, order.id(), "transfer");
    }

    Transfer from(Order order, String place) {
        return fx.transfers.ofOrder(fx.ops, order.id()).stream().filter(t -> t.fromLocation().equals(place)).findFirst()
                .orElseThrow();
    }

    @Test
    void aRefusedTransferGoesToTheNextPlaceAtOnceAndTheOrderIsCollectedFromThere() {
        var order = confirmed("k1");
        var asked = from(order, fx.saintGermain);

        var refused = fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "Veste abîmée");

        assertThat(refused.status()).isEqualTo(Transfer.Status.REFUSED);
        assertThat(from(order, fx.saintGermain).status()).isEqualTo(Transfer.Status.REFUSED);
        assertThat(from(order, fx.saintGermain).timeline()).last().satisfies(e -> {
            assertThat(e.status()).isEqualTo("REFUSED");
            assertThat(e.note()).isEqualTo("Veste abîmée");
            assertThat(e.by()).isEqualTo("staff-sophie");
        });
        // released at the refuser, held at the web warehouse, in the same write
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 0, 0));
        assertThat(fx.backend.level(LINEN, StockLevel.WEB)).isEqualTo(new StockLevel(LINEN, StockLevel.WEB, 4, 1, 0));
        assertThat(fx.backend.level(TEE, fx.paris).reserved()).isEqualTo(1);
        var now = fx.following.get(fx.camille, order.id());
        assertThat(now.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(now.lines()).extracting(Order.Line::heldAt).containsExactly(fx.paris, StockLevel.WEB);
        assertThat(fx.transfers.queue(fx.sophie, fx.saintGermain, null)).isEmpty();
        assertThat(fx.transfers.queue(fx.sophie, fx.saintGermain, "REFUSED")).extracting(Transfer::id).containsExactly(asked.id());
        var next = fx.transfers.queue(fx.ops, StockLevel.WEB, null);
        assertThat(next).singleElement().satisfies(t -> {
            assertThat(t.orderId()).isEqualTo(order.id());
            assertThat(t.lines()).containsExactly(new Transfer.Line(LINEN, "Veste en lin beige", 1));
        });
        // the new decision: Saint-Germain excluded by the rejection filter, the warehouse chosen
        var decision = Json.MAPPER.valueToTree(next.get(0).decision());
        assertThat(decision.get("shipments").get(0).get("locationId").asText()).isEqualTo(StockLevel.WEB);
        assertThat(decision.get("candidates")).anySatisfy(c -> {
            assertThat(c.get("locationId").asText()).isEqualTo(fx.saintGermain);
            assertThat(c.get("excludedBy").asText()).isEqualTo("REJECTED_THIS_ORDER");
        });
        // a refusal is a rejection in the place's rate, the new transfer an offer to the warehouse
        var loads = fx.deliveries.loads(List.of(fx.saintGermain, StockLevel.WEB), RetailDay.of(fx.backend.clock.instant()));
        assertThat(loads.get(fx.saintGermain).rejectionRate()).isEqualTo(1.0);
        assertThat(loads.get(fx.saintGermain).shipmentsToday()).isEqualTo(1);
        assertThat(loads.get(StockLevel.WEB).shipmentsToday()).isEqualTo(1);
        assertThat(loads.get(StockLevel.WEB).rejectionRate()).isZero();

        var sent = fx.transfers.dispatch(fx.ops, StockLevel.WEB, next.get(0).id(), "BL-WEB-1");
        fx.transfers.receive(fx.lea, fx.paris, sent.id());
        fx.preparing.accept(fx.lea, fx.paris, order.id());
        var ready = fx.preparing.ready(fx.lea, fx.paris, order.id());
        fx.collecting.collect(fx.lea, fx.paris, order.id(), ready.pickupCode());

        assertThat(fx.backend.level(LINEN, StockLevel.WEB)).isEqualTo(new StockLevel(LINEN, StockLevel.WEB, 3, 0, 0));
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 0, 0, 0));
        assertThat(fx.backend.level(LINEN, fx.saintGermain).onHand()).isEqualTo(3);
    }

    @Test
    void withNoPlaceLeftTheOrderIsRejectedNothingStaysHeldAndTheCustomerIsTold() {
        fx.backend.stock(LINEN, StockLevel.WEB, 0);
        var order = confirmed("k1");
        var asked = from(order, fx.saintGermain);

        fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "Introuvable en réserve");

        var now = fx.following.get(fx.camille, order.id());
        assertThat(now.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(from(order, fx.saintGermain).status()).isEqualTo(Transfer.Status.REFUSED);
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 0, 0));
        assertThat(fx.backend.level(TEE, fx.paris)).isEqualTo(new StockLevel(TEE, fx.paris, 3, 0, 0));
        assertThat(fx.inOutbox(OrderMessages.REJECTED + "#" + order.id())).isTrue();
        // the staff's reason is for ops: the customer reads that the store cannot prepare it, and where it is
        assertThat(fx.frenchSms(OrderMessages.REJECTED + "#" + order.id())).contains("ne peut pas préparer")
                .doesNotContain("réserve");
        fx.sweeping.sweep();
        assertThat(fx.payments.calls()).extracting(c -> c.action()).containsExactly("VOID");
    }

    @Test
    void onlyARequestedTransferCanBeRefusedAndRefusingTwiceChangesNothing() {
        var order = confirmed("k1");
        var asked = from(order, fx.saintGermain);
        fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "Veste abîmée");
        var web = fx.backend.level(LINEN, StockLevel.WEB);
        var outbox = fx.backend.countItems().get("Outbox");
        var orderAfter = fx.following.get(fx.camille, order.id());

        assertThatThrownBy(() -> fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "encore"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("REFUSED");
        assertThat(fx.backend.level(LINEN, StockLevel.WEB)).isEqualTo(web);
        assertThat(fx.backend.level(LINEN, fx.saintGermain)).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 0, 0));
        assertThat(fx.backend.countItems().get("Outbox")).isEqualTo(outbox);
        assertThat(fx.following.get(fx.camille, order.id())).isEqualTo(orderAfter);
        assertThatThrownBy(() -> fx.transfers.dispatch(fx.sophie, fx.saintGermain, asked.id(), "BL-1"))
                .isInstanceOf(DomainException.InvalidState.class);

        // sent already: the warehouse cannot refuse it any more
        var sent = fx.transfers.dispatch(fx.ops, StockLevel.WEB, from(order, StockLevel.WEB).id(), "BL-WEB-1");
        var inTransit = fx.backend.level(LINEN, fx.paris);
        assertThatThrownBy(() -> fx.refusing.refuse(fx.ops, StockLevel.WEB, sent.id(), "trop tard"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("DISPATCHED");
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(inTransit);
        assertThat(from(order, StockLevel.WEB).status()).isEqualTo(Transfer.Status.DISPATCHED);
    }

    @Test
    void onlyTheSourceStaffOrOpsForTheWarehouseRefuseAndABlankReasonIsRefused() {
        var order = confirmed("k1");
        var asked = from(order, fx.saintGermain);

        assertThatThrownBy(() -> fx.refusing.refuse(fx.karim, fx.saintGermain, asked.id(), "pas à moi"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.refusing.refuse(fx.lea, fx.paris, asked.id(), "pas à moi"))
                .as("the pickup store does not refuse what it receives").isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> fx.refusing.refuse(fx.camille, fx.saintGermain, asked.id(), "non"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "  "))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThat(from(order, fx.saintGermain).status()).isEqualTo(Transfer.Status.REQUESTED);
        assertThat(fx.backend.level(LINEN, fx.saintGermain).reserved()).isEqualTo(1);
        assertThat(fx.backend.level(LINEN, StockLevel.WEB).reserved()).isZero();
    }

    @Test
    void twentyFourRefusalsAndDispatchesOfOneTransferAtOnceExactlyOneWinsAndNoUnitIsLost() throws Exception {
        var order = confirmed("k1");
        var asked = from(order, fx.saintGermain);
        var outcomes = Race.of(24).expecting(DomainException.InvalidState.class).within(Duration.ofSeconds(120)).run(i -> {
            if (i % 2 == 0) {
                fx.refusing.refuse(fx.sophie, fx.saintGermain, asked.id(), "abîmée");
                return "refused";
            }
            fx.transfers.dispatch(fx.sophie, fx.saintGermain, asked.id(), "BL-RACE");
            return "sent";
        }).values(); // an InvalidState is a race lost

        assertThat(outcomes).hasSize(1);
        var sg = fx.backend.level(LINEN, fx.saintGermain);
        var web = fx.backend.level(LINEN, StockLevel.WEB);
        var paris = fx.backend.level(LINEN, fx.paris);
        assertThat(sg.onHand() + web.onHand() + paris.onHand() + paris.inTransit()).isEqualTo(3 + 4);
        if (outcomes.contains("sent")) {
            assertThat(from(order, fx.saintGermain).status()).isEqualTo(Transfer.Status.DISPATCHED);
            assertThat(sg).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 2, 0, 0));
            assertThat(web.reserved()).isZero();
            assertThat(paris.inTransit()).isEqualTo(1);
        } else {
            assertThat(from(order, fx.saintGermain).status()).isEqualTo(Transfer.Status.REFUSED);
            assertThat(sg).isEqualTo(new StockLevel(LINEN, fx.saintGermain, 3, 0, 0));
            assertThat(web.reserved()).isEqualTo(1);
            assertThat(fx.transfers.queue(fx.ops, StockLevel.WEB, null)).hasSize(1);
        }
    }

    @Test
    void aStoreWhoseDayIsFullOfTransfersIsPassedOverByRouting() {
        // Saint-Germain takes one shipment or transfer a day
        var rules = RoutingRules.defaults();
        fx.delivery.rules().set(fx.ops, new RoutingRules(null, rules.maxShipments(), rules.allowPartial(),
                rules.storeSafetyStock(), rules.warehouseSafetyStock(), Map.of(), rules.storeDailyCapacity(),
                Map.of(fx.saintGermain, 1), rules.sorts(), null, null));
        var first = confirmed("k1");
        assertThat(from(first, fx.saintGermain).dailyCapacity()).isEqualTo(1);

        var second = fx.placed("k2", LINEN, "1");

        assertThat(second.options().get(0).sources()).containsEntry(LINEN, StockLevel.WEB);
        var placed = fx.confirm(fx.camille, second.id(), "transfer");
        var decision = Json.MAPPER.valueToTree(from(placed, StockLevel.WEB).decision());
        assertThat(decision.get("candidates")).anySatisfy(c -> {
            assertThat(c.get("locationId").asText()).isEqualTo(fx.saintGermain);
            assertThat(c.get("excludedBy").asText()).isEqualTo("DAILY_CAPACITY");
        });
    }
}
