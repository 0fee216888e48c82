package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer orders for pickup: held at once, or options offered and one confirmed; what the command refuses. */
class PlacingOrdersTest extends OrdersOnDynamoDbLocal {
    @Test
    void placingHoldsEveryLineAtThePickupStoreWithItsMessage() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "2", "TSH-COT-BLU-L", "1");

        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.totalCents()).isEqualTo(3 * 2990);
        assertThat(order.contact().phone()).isEqualTo("+33612345678");
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isEqualTo(2);
        assertThat(fx.backend.level("TSH-COT-BLU-L", fx.paris).reserved()).isEqualTo(1);
        assertThat(fx.inOutbox(OrderMessages.PLACED + "#" + order.id())).isTrue();
        assertThat(fx.following.get(fx.camille, order.id())).isEqualTo(order);
        assertThatThrownBy(() -> fx.following.get(fx.hugo, order.id())).isInstanceOf(DomainException.NotFound.class);

        var replay = fx.place(fx.camille, OrderFixture.request(fx.paris, "TSH-COT-BLU-M", "2", "TSH-COT-BLU-L", "1"), "k1");
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.order()).isEqualTo(order);
        assertThatThrownBy(() -> fx.place(fx.camille, OrderFixture.request(fx.paris, "TSH-COT-BLU-M", "1"), "k1"))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isEqualTo(2);
    }

    @Test
    void aMissingLineHoldsNothingAndOffersATransferOrAStoreThatHasEverything() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1", "VES-LIN-BEI-M", "1");

        assertThat(order.status()).isEqualTo(OrderStatus.AWAITING_CUSTOMER);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        assertThat(order.options()).extracting(PickupOption::kind)
                .containsExactly(PickupOption.Kind.TRANSFER, PickupOption.Kind.OTHER_STORE);
        var transfer = order.options().get(0);
        assertThat(transfer.sources()).containsEntry("VES-LIN-BEI-M", StockLevel.WEB);
        // Paris Rivoli promises orders within 60 minutes (stores.json), after the three days from the web warehouse
        assertThat(transfer.readyBy()).isEqualTo(order.createdAt().plus(Duration.ofDays(3)).plus(Duration.ofMinutes(60)));
        assertThat(order.options().get(1).storeId()).isEqualTo(fx.saintGermain);

        var confirmed = fx.confirm(fx.camille, order.id(), "transfer");

        assertThat(confirmed.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(confirmed.pickupStoreId()).isEqualTo(fx.paris);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isEqualTo(1);
        assertThat(fx.backend.level("VES-LIN-BEI-M", StockLevel.WEB).reserved()).isEqualTo(1);
        assertThatThrownBy(() -> fx.confirm(fx.camille, order.id(), "transfer"))
                .isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void choosingAnotherStoreMovesThePickupThere() {
        var order = fx.placed("k1", "VES-LIN-BEI-M", "2");
        var moved = fx.confirm(fx.camille, order.id(), "store:" + fx.saintGermain);
        assertThat(moved.pickupStoreId()).isEqualTo(fx.saintGermain);
        assertThat(fx.backend.level("VES-LIN-BEI-M", fx.saintGermain).reserved()).isEqualTo(2);
        assertThat(fx.queue.forStore(fx.lea, fx.paris, null, null).items()).isEmpty();
    }

    /** openapi.yaml's limits (quantities, email, payment reference) are refused before any handler runs: see ClickAndCollectEndToEndTest. */
    @Test
    void badOrdersNameTheirFields() {
        var bad = new OrderRequest(List.of(new OrderRequest.LineRequest("NOPE", 1)), fx.paris,
                new Order.Contact(" ", "camille.martin@example.fr", "12"), "pa_3QxZ9b2eZvKYlo2C");
        assertThatThrownBy(() -> fx.place(fx.camille, bad, "k"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactlyInAnyOrder("contact.name", "contact.phone"));
        var unknown = new OrderRequest(List.of(new OrderRequest.LineRequest("NOPE", 1)), fx.paris,
                new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_3QxZ9b2eZvKYlo2C");
        assertThatThrownBy(() -> fx.place(fx.camille, unknown, "k"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("lines[0].sku"));
        assertThat(fx.backend.countItems().get("Orders")).isZero();
    }
}
