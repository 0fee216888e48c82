package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A return not brought back in time expires and gives its units back to the purchase. */
class ExpiringReturnsTest extends ReturnsOnDynamoDbLocal {
    @Test
    void aReturnNotBroughtBackInTimeExpiresAndGivesBackItsUnits() {
        var order = fx.collected("o1", 2);
        var ra = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "post"), "r1").authorization();
        var other = fx.collected("o2", 1);
        var received = fx.request(fx.camille, ReturnFixture.ofOrder(other.id(), 1, "store"), "r2").authorization();
        fx.receiving.receive(fx.lea, "paris-rivoli", received.id(), ReturnFixture.counted(1, 0));
        assertThat(ra.expiresAt()).isEqualTo(ra.createdAt().plus(ReturnPolicy.DEFAULT.validity()));

        fx.backend.clock.advance(ReturnPolicy.DEFAULT.validity().minusMinutes(1));
        assertThat(fx.expiring.sweep().expired()).isZero();
        fx.backend.clock.advance(Duration.ofMinutes(2));
        assertThat(fx.expiring.sweep().expired()).as("only the one still waiting").isEqualTo(1);
        assertThat(fx.expiring.sweep().expired()).isZero();

        var expired = fx.following.get(fx.camille, ra.id());
        assertThat(expired.status()).isEqualTo(ReturnStatus.EXPIRED);
        assertThat(fx.inOutbox(ReturnMessages.EXPIRED + "#" + ra.id())).isTrue();
        assertThat(fx.following.get(fx.camille, received.id()).status()).isEqualTo(ReturnStatus.REFUND_PENDING);
        assertThatThrownBy(() -> fx.receiving.receive(fx.warehouse, "WEB", ra.id(), ReturnFixture.counted(2, 0)))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r3").authorization()
                .status()).isEqualTo(ReturnStatus.REQUESTED);
    }
}
