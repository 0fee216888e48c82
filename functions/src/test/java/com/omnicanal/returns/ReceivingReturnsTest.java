package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reception in any store or the web warehouse: restocked where it lands, what did not come given back; then refunded and reported. */
class ReceivingReturnsTest extends ReturnsOnDynamoDbLocal {
    @Test
    void aCollectedOrderIsReturnedInAnotherStoreAndRestockedThere() {
        var order = fx.collected("o1", 2);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r1").authorization();

        assertThat(ra.status()).isEqualTo(ReturnStatus.REQUESTED);
        assertThat(ra.code()).startsWith("R").hasSize(7);
        assertThat(ra.qrPayload()).isEqualTo("OMNICANAL-RETURN:" + ra.id() + ":" + ra.code());
        assertThat(ra.soldAt()).isEqualTo("paris-rivoli");
        assertThat(fx.inOutbox(ReturnMessages.AUTHORIZED + "#" + ra.id())).isTrue();

        var received = fx.receiving.receive(fx.karim, "lyon-republique", ra.id(), ReturnFixture.counted(1, 0));

        assertThat(received.status()).isEqualTo(ReturnStatus.REFUND_PENDING);
        assertThat(received.refundCents()).isEqualTo(2990);
        assertThat(received.timeline()).extracting(ReturnAuthorization.Event::status)
                .containsExactly("REQUESTED", "RECEIVED", "REFUND_PENDING");
        assertThat(fx.backend.level("TSH-COT-BLU-M", "lyon-republique")).isEqualTo(new StockLevel("TSH-COT-BLU-M", "lyon-republique", 1, 0));
        assertThat(fx.inOutbox(ReturnMessages.RECEIVED + "#" + ra.id())).isTrue();

        assertThatThrownBy(() -> fx.receiving.receive(fx.karim, "lyon-republique", ra.id(), ReturnFixture.counted(1, 0)))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.backend.level("TSH-COT-BLU-M", "lyon-republique").onHand()).isEqualTo(1);
        // the reception is a business event, written with it, once
        assertThat(fx.backend.businessEvents()).filteredOn(BusinessEvent.ReturnReceived.class::isInstance).containsExactly(
                new BusinessEvent.ReturnReceived(ra.id(), "cust-camille", "lyon-republique", Set.of("TSH-COT-BLU-M"),
                        received.updatedAt(), ra.soldAt()));

        assertThatThrownBy(() -> fx.decisions.refund(fx.karim, ra.id(), "RF-123456")).isInstanceOf(DomainException.Forbidden.class);
        var refunded = fx.decisions.refund(fx.ops, ra.id(), "RF-123456");
        assertThat(refunded.status()).isEqualTo(ReturnStatus.REFUNDED);
        assertThat(fx.inOutbox(ReturnMessages.REFUNDED + "#" + ra.id())).isTrue();

        var now = fx.backend.clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        var lyon = fx.reporting.report(fx.ops, "lyon-republique", now, now);
        assertThat(lyon.receivedForOtherStores()).isEqualTo(new ReportingReturns.Totals(1, 1, 2990));
        assertThat(lyon.soldHereReturnedElsewhere().returns()).isZero();
        var paris = fx.reporting.report(fx.lea, "paris-rivoli", now, now);
        assertThat(paris.soldHereReturnedElsewhere()).isEqualTo(new ReportingReturns.Totals(1, 1, 2990));
        assertThatThrownBy(() -> fx.reporting.report(fx.karim, "paris-rivoli", now, now)).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void aReturnReceivedShortGivesBackTheUnitsThatDidNotCome() {
        var order = fx.collected("o1", 2);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r1").authorization();
        fx.receiving.receive(fx.lea, "paris-rivoli", ra.id(), ReturnFixture.counted(1, 0));

        var second = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r2").authorization();
        fx.receiving.receive(fx.karim, "lyon-republique", second.id(), ReturnFixture.counted(0, 1));
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r3"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("earlier returns");
    }

    @Test
    void byPostTheWebWarehouseReceivesAndDamagedUnitsAreWrittenOff() {
        var order = fx.collected("o1", 2);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "post"), "r1").authorization();
        assertThatThrownBy(() -> fx.receiving.receive(fx.lea, "paris-rivoli", ra.id(), ReturnFixture.counted(2, 0)))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThatThrownBy(() -> fx.receiving.receive(fx.lea, "WEB", ra.id(), ReturnFixture.counted(2, 0)))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> fx.receiving.receive(fx.warehouse, "WEB", ra.id(), ReturnFixture.counted(2, 1)))
                .isInstanceOf(DomainException.InvalidInput.class);

        var received = fx.receiving.receive(fx.warehouse, "WEB", ra.id(), ReturnFixture.counted(1, 1));

        assertThat(received.lines().get(0).resellable()).isEqualTo(1);
        assertThat(received.lines().get(0).damaged()).isEqualTo(1);
        assertThat(fx.backend.level("TSH-COT-BLU-M", StockLevel.WEB).onHand()).isEqualTo(1);
        assertThat(fx.backend.level("TSH-COT-BLU-M", "paris-rivoli").onHand()).isEqualTo(8);
        // received by post: in no store
        assertThat(fx.backend.businessEvents()).filteredOn(BusinessEvent.ReturnReceived.class::isInstance)
                .extracting(BusinessEvent::storeId).containsExactly((String) null);
    }
}
