package com.omnicanal.reservation;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Port: reservations and the stock they hold, changed together in one transaction each time. */
public interface Reservations {

    /**
     * In one transaction: holds the units (only if that many are available), writes the reservation, its outbox
     * message, its business event (held) and the idempotency claim; refused if the customer was erased.
     */
    HoldResult hold(Reservation reservation, OutboxMessage confirmation, IdempotencyClaim claim,
                    BusinessEvent.ReservationHeld held);

    Optional<Reservation> find(String id);

    /**
     * Cancelled or expired: releases the hold. False if the reservation was no longer held (someone else won), or no
     * longer belongs to the customer it was read with (a merge or an erasure moved it meanwhile). An expiry writes its
     * business event with it.
     */
    boolean release(Reservation released, Optional<OutboxMessage> notice, Optional<BusinessEvent.ReservationExpired> expired);

    /**
     * Bought in store: on-hand and held units both go down, and the business event joins the outbox. False if the
     * reservation was no longer held.
     */
    boolean complete(Reservation completed, BusinessEvent.ReservationCompleted event);

    Page<Reservation> byCustomer(String customerId, String cursor, int limit);

    Page<Reservation> byStore(String storeId, Optional<ReservationStatus> status, String cursor, int limit);

    /**
     * Held reservations whose hold ended at or before {@code now}, read {@code pageSize} at a time as the stream is
     * consumed, each page after the last (a hold that stays, released or not, is passed, never read again).
     */
    Stream<Reservation> expiredHolds(Instant now, int pageSize);

    sealed interface HoldResult {
        record Held(Reservation reservation) implements HoldResult {
        }

        /** The same key and request came before: the reservation as it was first answered. */
        record Replayed(Reservation reservation) implements HoldResult {
        }

        record KeyReused() implements HoldResult {
        }

        record NotEnoughStock(int available) implements HoldResult {
        }

        /** The customer was erased: nothing more is written under that id. */
        record CustomerErased() implements HoldResult {
        }
    }
}
