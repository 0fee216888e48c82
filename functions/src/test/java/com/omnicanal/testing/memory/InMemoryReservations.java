package com.omnicanal.testing.memory;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.reservation.Reservations;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reservations in memory. Each change checks every condition the DynamoDB transaction carries (stock available,
 * idempotency claim free, customer not erased, reservation still held and still the customer's) before it writes
 * anything, and refuses for the same reason first when several fail.
 */
public final class InMemoryReservations implements Reservations {
    private final InMemoryStore store;

    public InMemoryReservations(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public HoldResult hold(Reservation reservation, OutboxMessage confirmation, IdempotencyClaim claim,
                           BusinessEvent.ReservationHeld held) {
        synchronized (store) {
            var key = InMemoryStore.key(reservation.sku(), reservation.storeId());
            var row = store.stock.get(key);
            if (store.erased.contains(reservation.customerId())) return new HoldResult.CustomerErased();
            if (!store.claimable(claim)) {
                return store.replay(claim).<HoldResult>map(first -> new HoldResult.Replayed((Reservation) first))
                        .orElseGet(HoldResult.KeyReused::new);
            }
            if (row == null || row.level().available() < reservation.quantity()) return new HoldResult.NotEnoughStock(row == null ? 0 : row.level().available());
            if (store.reservations.containsKey(reservation.id()) || !store.outboxFree(confirmation)) {
                throw new IllegalStateException("reservation " + reservation.id() + " was refused: already written");
            }
            var stored = stored(reservation);
            store.stock.put(key, row.with(row.level().onHand(), row.level().reserved() + reservation.quantity()));
            store.reservations.put(reservation.id(), stored);
            store.append(confirmation);
            store.claim(claim, stored);
            store.events.put(InMemoryStore.eventKey(held), held);
            return new HoldResult.Held(reservation);
        }
    }

    @Override
    public Optional<Reservation> find(String id) {
        synchronized (store) {
            return Optional.ofNullable(store.reservations.get(id));
        }
    }

    @Override
    public boolean release(Reservation released, Optional<OutboxMessage> notice,
                           Optional<BusinessEvent.ReservationExpired> expired) {
        synchronized (store) {
            var row = heldStock(released);
            if (row == null || !stillHeld(released) || (notice.isPresent() && !store.outboxFree(notice.get()))) return false;
            if (expired.isPresent() && store.events.containsKey(InMemoryStore.eventKey(expired.get()))) return false;
            expired.ifPresent(e -> store.events.put(InMemoryStore.eventKey(e), e));
            close(released);
            store.stock.put(InMemoryStore.key(released.sku(), released.storeId()),
                    row.with(row.level().onHand(), row.level().reserved() - released.quantity()));
            notice.ifPresent(store::append);
            return true;
        }
    }

    @Override
    public boolean complete(Reservation completed, BusinessEvent.ReservationCompleted event) {
        synchronized (store) {
            var row = heldStock(completed);
            if (row == null || !stillHeld(completed) || store.events.containsKey(InMemoryStore.eventKey(event))) return false;
            store.events.put(InMemoryStore.eventKey(event), event);
            close(completed);
            // sold: the held units leave the shelf
            store.stock.put(InMemoryStore.key(completed.sku(), completed.storeId()), row.with(
                    row.level().onHand() - completed.quantity(), row.level().reserved() - completed.quantity()));
            return true;
        }
    }

    @Override
    public Page<Reservation> byCustomer(String customerId, String cursor, int limit) {
        synchronized (store) {
            var mine = store.reservations.values().stream().filter(r -> r.customerId().equals(customerId)).toList();
            return InMemoryStore.page(mine, r -> InMemoryStore.byTime(r.createdAt(), r.id()), true,
                    "customer:" + customerId, cursor, limit);
        }
    }

    @Override
    public Page<Reservation> byStore(String storeId, Optional<ReservationStatus> status, String cursor, int limit) {
        synchronized (store) {
            var theirs = store.reservations.values().stream().filter(r -> r.storeId().equals(storeId))
                    .filter(r -> status.isEmpty() || r.status() == status.get()).toList();
            // by status, then oldest first
            return InMemoryStore.page(theirs, r -> r.status().name() + "#" + InMemoryStore.byTime(r.createdAt(), r.id()),
                    false, "store:" + storeId, cursor, limit);
        }
    }

    @Override
    public java.util.stream.Stream<Reservation> expiredHolds(Instant now, int pageSize) {
        synchronized (store) {
            // the due holds as they are now, as the index's pages would give them
            return store.reservations.values().stream()
                    .filter(r -> r.status() == ReservationStatus.HELD && !r.expiresAt().isAfter(now))
                    .sorted(Comparator.comparing(Reservation::expiresAt).thenComparing(Reservation::id))
                    .toList().stream();
        }
    }

    /** The stock item the reservation holds units of, if it still holds at least that many. */
    private InMemoryStore.StockRow heldStock(Reservation r) {
        var row = store.stock.get(InMemoryStore.key(r.sku(), r.storeId()));
        return row != null && row.level().reserved() >= r.quantity() ? row : null;
    }

    /** Still held, and still the customer's it was read as (a merge or an erasure may have moved it meanwhile). */
    private boolean stillHeld(Reservation next) {
        var current = store.reservations.get(next.id());
        return current != null && current.status() == ReservationStatus.HELD
                && current.customerId().equals(next.customerId());
    }

    /** Only the status and the time change: the rest stays as first written. */
    private void close(Reservation next) {
        var c = store.reservations.get(next.id());
        store.reservations.put(c.id(), new Reservation(c.id(), c.customerId(), c.sku(), c.productName(), c.storeId(),
                c.storeName(), c.quantity(), next.status(), c.createdAt(), c.expiresAt(), InMemoryStore.millis(next.updatedAt())));
    }

    private static Reservation stored(Reservation r) {
        return new Reservation(r.id(), r.customerId(), r.sku(), r.productName(), r.storeId(), r.storeName(), r.quantity(),
                r.status(), InMemoryStore.millis(r.createdAt()), InMemoryStore.millis(r.expiresAt()),
                InMemoryStore.millis(r.updatedAt()));
    }
}
