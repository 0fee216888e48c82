package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import org.junit.jupiter.api.Test;

/** Ops reject a return: before reception it gives back every unit it held, after reception only what did not come. */
class ReturnDecisionsTest extends ReturnsOnDynamoDbLocal {
    @Test
    void aReturnRejectedBeforeReceptionGivesBackTheUnitsItHeld() {
        var order = fx.collected("o1", 2);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r1").authorization();
        fx.decisions.reject(fx.ops, ra.id(), "hors politique de retour");

        fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r2");
        fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "post"), "r3");
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r4"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("earlier returns");
    }

    @Test
    void aRejectionAfterReceptionGivesBackNothingMoreThanTheReceptionDid() {
        var order = fx.collected("o1", 3);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 3, "store"), "r1").authorization();
        fx.receiving.receive(fx.lea, "paris-rivoli", ra.id(), ReturnFixture.counted(1, 1));
        fx.decisions.reject(fx.ops, ra.id(), "article porté");

        fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r2");
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r3"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("earlier returns");
    }
}
