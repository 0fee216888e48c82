package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.memory.InMemoryBackend;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The reservation service's rules on the in-memory adapters (the fast tier): each case in milliseconds, no DynamoDB.
 * What the adapters themselves promise is {@link ReservationsContract}'s, run on both.
 */
@Tag("fast")
class ReservationRulesTest {
    private static final String SKU = "TSH-COT-BLU-M";
    private static final String RIVOLI = "paris-rivoli";
    private final InMemoryBackend backend = InMemoryBackend.create();
    private final ReservationService service = backend.reservationService();
    private final Actor camille = Actor.customer("cust-camille");

    @Test
    void moreThanTheDeployedMaximumIsRefusedAndHoldsNothing() {
        backend.stock(SKU, RIVOLI, 20);

        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 6), "k"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field).containsExactly("quantity"));
        assertThat(backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 5), "k").reservation().quantity())
                .isEqualTo(5);
        assertThat(backend.level(SKU, RIVOLI).reserved()).isEqualTo(5);
    }

    @Test
    void anUnknownProductOrStoreIsNotFoundAndHoldsNothing() {
        backend.stock(SKU, RIVOLI, 20);

        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest("NO-SUCH-SKU", RIVOLI, 1), "k1"))
                .isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(SKU, "no-such-store", 1), "k2"))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(backend.countItems()).containsEntry("Orders", 0).containsEntry("Idempotency", 0);
    }

    @Test
    void aShortageOffersTheOtherStoresThatHaveTheQuantityMostUnitsFirst() {
        backend.stock(SKU, RIVOLI, 1);
        backend.stock(SKU, "lyon-republique", 2);
        backend.stock(SKU, "lille-neuve", 5);
        backend.stock(SKU, "nantes-crebillon", 2);
        backend.stock(SKU, "bordeaux-sainte-catherine", 1);
        backend.stock(SKU, StockLevel.WEB, 50);

        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 2), "k"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> {
                    assertThat(e.available()).isEqualTo(1);
                    // the web warehouse is not a store one can try on in, and one unit is not two
                    assertThat(e.alternatives()).extracting(InsufficientStock.Alternative::storeId)
                            .containsExactly("lille-neuve", "lyon-republique", "nantes-crebillon");
                });
    }

    @Test
    void aHoldRunsToTheMillisecondOfItsExpiryThenIsReleasedWithANotice() {
        backend.stock(SKU, RIVOLI, 3);
        var r = backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 2), "k").reservation();

        backend.clock().advance(Duration.ofHours(48).minusMillis(1));
        assertThat(service.releaseExpired(10)).isZero();
        backend.clock().advance(Duration.ofMillis(1));
        assertThat(service.releaseExpired(10)).isEqualTo(1);

        assertThat(service.get(camille, r.id()).status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(backend.level(SKU, RIVOLI)).isEqualTo(new StockLevel(SKU, RIVOLI, 3, 0));
        var notice = backend.deliveryLog().find(ReservationService.EXPIRED + "#" + r.id()).orElseThrow();
        assertThat(notice.status()).isEqualTo(MessageRecord.Status.PENDING);
        assertThat(notice.message().customerId()).isEqualTo("cust-camille");
    }

    @Test
    void theSweeperWorksThroughMoreHoldsThanOneBatch() {
        backend.stock(SKU, RIVOLI, 25);
        for (int i = 0; i < 25; i++) {
            backend.reserve(Actor.customer("cust-" + i), new ReservationRequest(SKU, RIVOLI, 1), "k");
        }
        backend.clock().advance(Duration.ofHours(48));

        assertThat(service.releaseExpired(10)).isEqualTo(25);
        assertThat(backend.level(SKU, RIVOLI).reserved()).isZero();
    }

    @Test
    void aCancelledReservationCannotBeCollectedAndLeavesTheShelfAsItWas() {
        backend.stock(SKU, RIVOLI, 3);
        var r = backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 2), "k").reservation();
        service.cancel(camille, r.id());

        assertThatThrownBy(() -> service.complete(Actor.staff("staff-lea", RIVOLI), RIVOLI, r.id()))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(backend.level(SKU, RIVOLI)).isEqualTo(new StockLevel(SKU, RIVOLI, 3, 0));
    }

    @Test
    void opsReadEveryStoresReservationsStaffOnlyTheirOwn() {
        backend.stock(SKU, RIVOLI, 3);
        var r = backend.reserve(camille, new ReservationRequest(SKU, RIVOLI, 1), "k").reservation();

        assertThat(service.get(Actor.ops("ops-1"), r.id())).isEqualTo(r);
        assertThat(service.get(Actor.staff("staff-lea", RIVOLI), r.id())).isEqualTo(r);
        assertThatThrownBy(() -> service.get(Actor.staff("staff-karim", "lyon-republique"), r.id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(service.forStore(Actor.ops("ops-1"), RIVOLI, "HELD", null).items()).containsExactly(r);
    }
}
