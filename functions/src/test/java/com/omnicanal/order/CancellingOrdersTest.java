package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import org.junit.jupiter.api.Test;

/** An order is cancelled by its customer before it is ready, by its store at any time. */
class CancellingOrdersTest extends OrdersOnDynamoDbLocal {
    @Test
    void theCustomerCancelsOnlyBeforeReady() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        assertThatThrownBy(() -> fx.cancelling.cancelByCustomer(fx.hugo, order.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(fx.cancelling.cancelByCustomer(fx.camille, order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        var ready = fx.ready("k2");
        assertThatThrownBy(() -> fx.cancelling.cancelByCustomer(fx.camille, ready.id()))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.cancelling.cancelByStore(fx.lea, fx.paris, ready.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
    }
}
