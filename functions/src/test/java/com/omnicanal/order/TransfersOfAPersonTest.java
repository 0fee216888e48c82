package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.customer.dynamo.DynamoCustomerHistory;
import com.omnicanal.order.dynamo.DynamoTransfers;
import com.omnicanal.shared.Actor;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A transfer carries nothing of the person who ordered: an erasure or a merge changes only the order, the transfer
 * goes on, and a move read before the erasure or the merge does not write the old order back.
 */
class TransfersOfAPersonTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    static final String LINEN = "VES-LIN-BEI-M";

    OrderFixture fx;
    DynamoCustomerHistory history;

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client(), true).stocked();
        history = new DynamoCustomerHistory(dynamo.client(), fx.backend.tables);
    }

    Order confirmed(Actor customer) {
        var offered = fx.place(customer, OrderFixture.request(fx.paris, LINEN, "1"), "k-" + customer.id()).order();
        return fx.confirm(customer, offered.id(), "transfer");
    }

    @Test
    void anErasureLeavesNothingOfThePersonInOrdersAndTheTransferStillArrives() {
        var order = confirmed(fx.camille);
        var transfer = fx.transfers.ofOrder(fx.ops, order.id()).get(0);

        history.anonymise("cust-camille", "anon-1");

        var orders = dynamo.client().scan(ScanRequest.builder().tableName(fx.backend.tables.orders()).build()).items().toString();
        assertThat(orders).doesNotContain("cust-camille", "Camille", "camille.martin", "+33612345678");
        fx.transfers.dispatch(fx.sophie, fx.saintGermain, transfer.id(), "BL-1");
        fx.transfers.receive(fx.lea, fx.paris, transfer.id());
        var after = fx.following.get(fx.lea, order.id());
        assertThat(after.customerId()).isEqualTo("anon-1");
        assertThat(after.contact()).as("the move did not write the contact back").isNull();
        assertThat(after.lines()).extracting(Order.Line::heldAt).containsOnly(fx.paris);
        assertThat(fx.backend.level(LINEN, fx.paris)).isEqualTo(new StockLevel(LINEN, fx.paris, 1, 1, 0));
        orders = dynamo.client().scan(ScanRequest.builder().tableName(fx.backend.tables.orders()).build()).items().toString();
        assertThat(orders).doesNotContain("cust-camille", "Camille", "camille.martin", "+33612345678");
    }

    @Test
    void aDispatchReadBeforeAnErasureDoesNotWriteThePersonBack() {
        var order = confirmed(fx.camille);
        var transfer = fx.transfers.ofOrder(fx.ops, order.id()).get(0);
        var readBefore = fx.following.get(fx.lea, order.id());

        history.anonymise("cust-camille", "anon-1");

        var now = readBefore.updatedAt();
        var stale = readBefore.withLines(readBefore.lines().stream().map(l -> l.at(Order.IN_TRANSIT)).toList(), now,
                "staff-sophie", "sent");
        var moved = new DynamoTransfers(dynamo.client(), fx.backend.tables).move(transfer.dispatched("BL-1", now,
                "staff-sophie"), Transfer.Status.REQUESTED, readBefore, stale, List.of());
        assertThat(moved).isFalse();
        assertThat(fx.following.get(fx.lea, order.id()).contact()).isNull();
        assertThat(fx.backend.level(LINEN, fx.saintGermain).reserved()).isEqualTo(1);
    }

    @Test
    void aMergeMovesTheOrderToTheSurvivorAndItsTransferGoesOn() {
        var walkIn = Actor.customer("walkin-7");
        var order = confirmed(walkIn);
        var transfer = fx.transfers.ofOrder(fx.ops, order.id()).get(0);

        assertThat(history.reassign("walkin-7", "cust-camille")).isPositive();

        fx.transfers.dispatch(fx.sophie, fx.saintGermain, transfer.id(), "BL-1");
        fx.transfers.receive(fx.lea, fx.paris, transfer.id());
        var after = fx.following.get(fx.camille, order.id());
        assertThat(after.customerId()).isEqualTo("cust-camille");
        assertThat(after.lines()).extracting(Order.Line::heldAt).containsOnly(fx.paris);
        assertThat(fx.transfers.ofOrder(fx.ops, order.id()).get(0).status()).isEqualTo(Transfer.Status.RECEIVED);
    }
}
