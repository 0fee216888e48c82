package com.omnicanal.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationService;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A customer asks to return units of a purchase: never more than bought, within the window, with an exchange held at once. */
class RequestingReturnsTest extends ReturnsOnDynamoDbLocal {
    @Test
    void neverMoreThanBoughtCountingEarlierReturns() {
        var order = fx.collected("o1", 2);
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 3, "store"), "r0"))
                .isInstanceOf(DomainException.InvalidInput.class);
        fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r1");
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r2"))
                .isInstanceOf(DomainException.InvalidInput.class).hasMessageContaining("earlier returns");
        fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "post"), "r3");
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r4"))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void concurrentRequestsForOneLineNeverAuthoriseMoreUnitsThanBought() throws Exception {
        var order = fx.collected("o1", 3);
        var first = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r0").authorization();
        int requests = 24;
        var race = Race.of(requests + 1).expecting(DomainException.InvalidInput.class).within(Duration.ofSeconds(60));
        var outcomes = race.run(i -> {
            if (i == requests) {
                // ops reject the first return meanwhile: its two units become returnable again, once
                fx.decisions.reject(fx.ops, first.id(), "hors politique");
                return 0;
            }
            return fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1 + i % 2, "store"), "r" + (i + 1))
                    .authorization().lines().get(0).quantity();
        });
        assertThat(outcomes.all().get(requests).succeeded()).as("the rejection").isTrue();
        // a request refused for more than bought authorised no unit
        int units = outcomes.values().stream().mapToInt(Integer::intValue).sum();

        assertThat(units).as("units authorised by the concurrent requests").isBetween(1, 3);
        int stillReturnable = 0;
        for (int q = 3; q >= 1 && stillReturnable == 0; q--) {
            try {
                fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), q, "store"), "last" + q);
                stillReturnable = q;
            } catch (DomainException.InvalidInput refused) {
                // fewer left
            }
        }
        assertThat(units + stillReturnable).as("authorised now and returnable after: the 3 bought").isEqualTo(3);
    }

    @Test
    void theReturnWindowClosesAfterThirtyDays() {
        var order = fx.collected("o1", 1);
        fx.backend.clock.advance(Duration.ofDays(31));
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r1"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("return window");
    }

    @Test
    void onlyTheBuyersCollectedOrdersCanBeReturned() {
        var order = fx.collected("o1", 1);
        assertThatThrownBy(() -> fx.request(com.omnicanal.shared.Actor.customer("cust-hugo"),
                ReturnFixture.ofOrder(order.id(), 1, "store"), "r1")).isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void anExchangeHoldsTheOtherSizeInTheSameStep() {
        var order = fx.collected("o1", 1);
        var request = new ReturnRequest(order.id(), null, List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)),
                "trop petit", "store", "paris-rivoli", new ReturnRequest.Exchange("TSH-COT-BLU-L", "paris-rivoli", 1));

        var ra = fx.request(fx.camille, request, "r1").authorization();

        assertThat(ra.exchangeReservationId()).isNotNull();
        var held = fx.backend.reservations.find(ra.exchangeReservationId()).orElseThrow();
        assertThat(held.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(held.sku()).isEqualTo("TSH-COT-BLU-L");
        assertThat(fx.backend.level("TSH-COT-BLU-L", "paris-rivoli").reserved()).isEqualTo(1);

        var noStock = new ReturnRequest(order.id(), null, List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)),
                "trop petit", "store", null, new ReturnRequest.Exchange("TSH-COT-BLU-XL", "paris-rivoli", 1));
        var otherOrder = fx.collected("o2", 1);
        assertThatThrownBy(() -> fx.request(fx.camille, new ReturnRequest(otherOrder.id(), null, noStock.lines(),
                "x", "store", null, noStock.exchange()), "r2")).isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.request(fx.camille, ReturnFixture.ofOrder(otherOrder.id(), 1, "store"), "r3").authorization())
                .isNotNull();
    }

    @Test
    void anExchangesConfirmationTellsTheDeadlineOfTheDeployedHoldPeriod() {
        var order = fx.collected("o1", 1);
        var request = new ReturnRequest(order.id(), null, List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)),
                "trop petit", "store", "paris-rivoli", new ReturnRequest.Exchange("TSH-COT-BLU-L", "paris-rivoli", 1));

        var ra = fx.request(fx.camille, request, "r1").authorization();

        var held = fx.backend.reservations.find(ra.exchangeReservationId()).orElseThrow();
        assertThat(held.expiresAt()).isEqualTo(ra.createdAt().plus(ReturnFixture.HOLD_PERIOD));
        var confirmation = new DynamoDeliveryLog(fx.backend.dynamo, fx.backend.tables.outbox())
                .find(ReservationService.CONFIRMED + "#" + held.id()).orElseThrow().message();
        var deadline = held.expiresAt().atZone(ZoneId.of("Europe/Paris"));
        var sms = new MustacheTemplates().render(confirmation.kind(), "fr", ChannelKind.SMS, confirmation.templateData()).text();
        assertThat(sms).contains("jusqu'au " + DateTimeFormatter.ofPattern("dd/MM/yyyy 'à' HH:mm").format(deadline))
                .contains("Réf. " + held.id().substring(held.id().length() - 6));
        var mail = new MustacheTemplates().render(confirmation.kind(), "en", ChannelKind.EMAIL, confirmation.templateData());
        assertThat(mail.text()).contains("held until " + DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").format(deadline));
    }

    @Test
    void anExchangeHoldsUpToTheDeployedMaximumLikeAReservation() {
        fx.backend.stock("TSH-COT-BLU-L", "paris-rivoli", 20);
        var order = fx.collected("o1", 1);
        java.util.function.IntFunction<ReturnRequest> exchanging = quantity -> new ReturnRequest(order.id(), null,
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-M", 1)), "trop petit", "store", "paris-rivoli",
                new ReturnRequest.Exchange("TSH-COT-BLU-L", "paris-rivoli", quantity));

        assertThatThrownBy(() -> fx.request(fx.camille, exchanging.apply(ReturnFixture.MAX_QUANTITY + 1), "r1"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("exchange.quantity"));
        assertThat(fx.backend.level("TSH-COT-BLU-L", "paris-rivoli").reserved()).as("nothing held").isZero();

        // above the old hard-coded 5, within what this deployment allows
        var ra = fx.request(fx.camille, exchanging.apply(ReturnFixture.MAX_QUANTITY), "r2").authorization();
        assertThat(fx.backend.reservations.find(ra.exchangeReservationId()).orElseThrow().quantity())
                .isEqualTo(ReturnFixture.MAX_QUANTITY);
    }

    @Test
    void anInStorePurchaseIsReturnedByItsReceipt() {
        var reservation = fx.backend.reserve(fx.camille,
                new ReservationRequest("TSH-COT-BLU-L", "paris-rivoli", 1), "k").reservation();
        fx.backend.reservationService.complete(fx.lea, "paris-rivoli", reservation.id());

        var ra = fx.request(fx.camille, new ReturnRequest(null, reservation.id(),
                List.of(new ReturnRequest.LineRequest("TSH-COT-BLU-L", 1)), "cadeau en double", "store", null, null), "r1")
                .authorization();

        assertThat(ra.source()).isEqualTo(new ReturnAuthorization.Source("RECEIPT", reservation.id()));
        assertThat(ra.soldAt()).isEqualTo("paris-rivoli");
        fx.receiving.receive(fx.lea, "paris-rivoli", ra.id(), List.of(new ReceivingReturns.Counted("TSH-COT-BLU-L", 1, "resellable")));
        assertThat(fx.backend.level("TSH-COT-BLU-L", "paris-rivoli")).isEqualTo(new StockLevel("TSH-COT-BLU-L", "paris-rivoli", 2, 0));
    }

    @Test
    void replaysAndRejections() {
        var order = fx.collected("o1", 2);
        var first = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r1");
        var again = fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 1, "store"), "r1");
        assertThat(again.replayed()).isTrue();
        assertThat(again.authorization()).isEqualTo(first.authorization());
        assertThatThrownBy(() -> fx.request(fx.camille, ReturnFixture.ofOrder(order.id(), 2, "store"), "r1"))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        var rejected = fx.decisions.reject(fx.ops, first.authorization().id(), "article porté");
        assertThat(rejected.status()).isEqualTo(ReturnStatus.REJECTED);
        assertThat(fx.inOutbox(ReturnMessages.REJECTED + "#" + rejected.id())).isTrue();
        assertThatThrownBy(() -> fx.receiving.receive(fx.lea, "paris-rivoli", rejected.id(), ReturnFixture.counted(1, 0)))
                .isInstanceOf(DomainException.InvalidState.class);
    }
}
