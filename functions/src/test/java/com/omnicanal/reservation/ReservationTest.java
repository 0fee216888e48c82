package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ReservationTest {
    private static final Instant T0 = Instant.parse("2026-11-23T09:00:00Z");
    private final Reservation held = new Reservation("r1", "c1", "SKU-1", "Veste", "s1", "Store", 2,
            ReservationStatus.HELD, T0, T0.plus(Duration.ofHours(48)), T0);

    @Test
    void aHeldReservationCanBeCancelledCompletedOrExpiredOnce() {
        var later = T0.plus(Duration.ofHours(1));
        assertThat(held.cancel(later).status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(held.complete(later).status()).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(held.complete(later).updatedAt()).isEqualTo(later);
        assertThat(held.expire(T0.plus(Duration.ofHours(48))).status()).isEqualTo(ReservationStatus.EXPIRED);
    }

    @Test
    void finalStatesNeverMoveAgain() {
        var later = T0.plus(Duration.ofHours(49));
        for (var done : new Reservation[] {held.cancel(later), held.complete(later), held.expire(later)}) {
            assertThatThrownBy(() -> done.cancel(later)).isInstanceOf(DomainException.InvalidState.class);
            assertThatThrownBy(() -> done.complete(later)).isInstanceOf(DomainException.InvalidState.class);
            assertThatThrownBy(() -> done.expire(later)).isInstanceOf(DomainException.InvalidState.class);
        }
    }

    @Test
    void aHoldDoesNotExpireBeforeItsTime() {
        assertThatThrownBy(() -> held.expire(T0.plus(Duration.ofHours(47))))
                .isInstanceOf(DomainException.InvalidState.class);
    }
}
