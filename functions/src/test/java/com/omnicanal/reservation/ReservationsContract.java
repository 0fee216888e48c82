package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockFeed;
import com.omnicanal.stock.StockLedger;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.messaging.MessageRecord;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.testing.Backend;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stock and reservation adapters' behaviour through the services: run on DynamoDB Local always, on LocalStack
 * where Docker exists, and on the in-memory adapters (the fast tier), which must behave the same.
 */
public abstract class ReservationsContract {
    protected Backend backend;
    protected String sku;
    protected String store;
    protected String otherStore;
    protected final Actor camille = Actor.customer("cust-camille");
    protected final Actor hugo = Actor.customer("cust-hugo");

    protected abstract Backend backend();

    @BeforeEach
    void freshTables() {
        backend = backend();
        backend.reset();
        sku = backend.catalog().listing().get(0).sku();
        store = backend.catalog().stores().get(0).id();
        otherStore = backend.catalog().stores().get(1).id();
        backend.stock(sku, store, 3);
        backend.stock(sku, otherStore, 7);
        backend.stock(sku, StockLevel.WEB, 20);
    }

    private ReservationService service() {
        return backend.reservationService();
    }

    @Test
    void reservingHoldsStockAndWritesReservationAndOutboxMessageTogether() {
        var outcome = backend.reserve(camille, new ReservationRequest(sku, store, 2), "key-1");

        var r = outcome.reservation();
        assertThat(r.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(r.expiresAt()).isEqualTo(TestBackend.START.plus(Duration.ofHours(48)));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 2));
        assertThat(backend.storedStock(sku, store).available()).isEqualTo(1);
        assertThat(backend.reservations().find(r.id())).contains(r);
        var message = backend.deliveryLog().find(ReservationService.CONFIRMED + "#" + r.id()).orElseThrow();
        assertThat(message.status()).isEqualTo(MessageRecord.Status.PENDING);
        assertThat(message.message().kind()).isEqualTo(ReservationService.CONFIRMED);
        assertThat(message.message().customerId()).isEqualTo("cust-camille");
        assertThat(message.message().delivery().purpose()).isEqualTo(OutboxMessage.Purpose.TRANSACTIONAL);
        assertThat(message.message().templateData()).containsEntry("reservationId", r.id());
    }

    @Test
    void notEnoughStockChangesNothingAndNamesTheStoresThatHaveIt() {
        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(sku, store, 4), "key-1"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> {
                    assertThat(e.available()).isEqualTo(3);
                    assertThat(e.alternatives()).extracting(InsufficientStock.Alternative::storeId)
                            .containsExactly(otherStore);
                });
        assertThat(backend.level(sku, store).reserved()).isZero();
        assertThat(backend.countItems()).containsEntry("Orders", 0).containsEntry("Outbox", 0)
                .containsEntry("Idempotency", 0);
    }

    @Test
    void sameIdempotencyKeyAndBodyReplaysTheFirstAnswerWithoutHoldingTwice() {
        var first = backend.reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        var again = backend.reserve(camille, new ReservationRequest(sku, store, 1), "key-1");

        assertThat(again.replayed()).isTrue();
        assertThat(again.reservation()).isEqualTo(first.reservation());
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
        // one confirmation and one held event, not two of each
        assertThat(backend.countItems()).containsEntry("Orders", 1).containsEntry("Outbox", 1 + 1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        backend.reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(sku, store, 2), "key-1"))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheCustomer() {
        backend.reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        var hugos = backend.reserve(hugo, new ReservationRequest(sku, store, 2), "key-1");
        assertThat(hugos.replayed()).isFalse();
        assertThat(backend.level(sku, store).reserved()).isEqualTo(3);
    }

    @Test
    void cancellingReleasesTheHoldOnce() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var cancelled = service().cancel(camille, r.id());

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 0));
        assertThatThrownBy(() -> service().cancel(camille, r.id())).isInstanceOf(DomainException.InvalidState.class);
        assertThat(backend.level(sku, store).reserved()).isZero();
    }

    @Test
    void anotherCustomersReservationDoesNotExistForThem() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 1), "k").reservation();
        assertThatThrownBy(() -> service().get(hugo, r.id())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> service().cancel(hugo, r.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
    }

    @Test
    void completingInStoreTakesTheUnitsOffTheShelf() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var staff = Actor.staff("staff-lea", store);

        var done = service().complete(staff, store, r.id());

        assertThat(done.status()).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 1, 0));
        assertThat(backend.storedStock(sku, store).available()).isEqualTo(1);
    }

    @Test
    void aCompletionWritesItsBusinessEventInItsTransactionOrNotAtAll() {
        var bought = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k1").reservation();
        var cancelled = backend.reserve(camille, new ReservationRequest(sku, store, 1), "k2").reservation();
        var staff = Actor.staff("staff-lea", store);

        var done = service().complete(staff, store, bought.id());
        service().cancel(camille, cancelled.id());
        // a completion read before the cancellation: its transaction fails on the hold, and its event with it
        var late = cancelled.complete(backend.clock().instant());
        assertThat(backend.reservations().complete(late, new BusinessEvent.ReservationCompleted(cancelled.id(),
                camille.id(), store, sku, late.updatedAt()))).isFalse();

        assertThat(backend.businessEvents()).filteredOn(BusinessEvent.ReservationCompleted.class::isInstance).containsExactly(
                new BusinessEvent.ReservationCompleted(bought.id(), camille.id(), store, sku, done.updatedAt()));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 1, 0));
    }

    @Test
    void staffOfAnotherStoreCannotComplete() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        assertThatThrownBy(() -> service().complete(Actor.staff("staff-x", otherStore), store, r.id()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> service().complete(Actor.staff("staff-x", otherStore), otherStore, r.id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(2);
    }

    @Test
    void sweeperReleasesExpiredHoldsOnceEvenWhenRunTwice() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var fresh = backend.reserve(hugo, new ReservationRequest(sku, otherStore, 1), "k").reservation();
        backend.clock().advance(Duration.ofHours(47));
        backend.reserve(hugo, new ReservationRequest(sku, otherStore, 1), "k2");
        backend.clock().advance(Duration.ofHours(1));

        assertThat(service().releaseExpired(100)).isEqualTo(2);
        assertThat(service().releaseExpired(100)).isZero();

        assertThat(backend.reservations().find(r.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(backend.reservations().find(fresh.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(backend.level(sku, store).reserved()).isZero();
        assertThat(backend.level(sku, otherStore).reserved()).isEqualTo(1);
        // 3 confirmations and 3 held events, then 2 expiry notices and 2 expired events
        assertThat(backend.countItems()).containsEntry("Outbox", 3 + 3 + 2 + 2);
    }

    @Test
    void twoSweepersRunningAtOnceReleaseEachHoldOnce() throws Exception {
        backend.stock(sku, otherStore, 40);
        for (int i = 0; i < 30; i++) {
            backend.reserve(Actor.customer("c" + i), new ReservationRequest(sku, otherStore, 1), "k");
        }
        backend.clock().advance(Duration.ofHours(49));
        int released = Race.of(2).run(i -> service().releaseExpired(7)).values().stream().mapToInt(Integer::intValue).sum();
        released += service().releaseExpired(7);

        assertThat(released).isEqualTo(30);
        assertThat(backend.level(sku, otherStore)).isEqualTo(new StockLevel(sku, otherStore, 40, 0));
        // per reservation: its confirmation and held event, one expiry notice and one expired event
        assertThat(backend.countItems()).containsEntry("Outbox", 30 * 4);
    }

    @Test
    void holdsThatCanNeverBeReleasedDoNotStopTheExpiriesBehindThem() {
        backend.stock(sku, store, 10);
        var poisoned = new ArrayList<Reservation>();
        for (int i = 0; i < 3; i++) {
            poisoned.add(backend.reserve(Actor.customer("p" + i), new ReservationRequest(sku, store, 1), "k").reservation());
        }
        // the stock item loses its held units (a broken item): these holds' releases can never succeed
        backend.stock(sku, store, 10);
        backend.clock().advance(Duration.ofHours(1));
        backend.stock(sku, otherStore, 10);
        for (int i = 0; i < 5; i++) backend.reserve(Actor.customer("d" + i), new ReservationRequest(sku, otherStore, 1), "k");
        backend.clock().advance(Duration.ofHours(48));

        assertThat(service().releaseExpired(3)).isEqualTo(5);

        assertThat(backend.level(sku, otherStore)).isEqualTo(new StockLevel(sku, otherStore, 10, 0));
        for (var r : poisoned) {
            assertThat(backend.reservations().find(r.id()).orElseThrow().status()).isEqualTo(ReservationStatus.HELD);
        }
        // the next run tries them again, and stops: nothing else is due
        assertThat(service().releaseExpired(3)).isZero();
    }

    @Test
    void twentyFourSweepersAtOnceReleaseEachHoldOnceAndGiveItsStockBackOnce() throws Exception {
        backend.stock(sku, otherStore, 40);
        for (int i = 0; i < 30; i++) {
            backend.reserve(Actor.customer("c" + i), new ReservationRequest(sku, otherStore, 1), "k");
        }
        backend.clock().advance(Duration.ofHours(49));
        int released = Race.of(24).run(i -> service().releaseExpired(7)).values().stream().mapToInt(Integer::intValue).sum();

        assertThat(released).isEqualTo(30);
        assertThat(service().releaseExpired(7)).isZero();
        assertThat(backend.level(sku, otherStore)).isEqualTo(new StockLevel(sku, otherStore, 40, 0));
        assertThat(backend.storedStock(sku, otherStore).available()).isEqualTo(40);
        // per reservation: its confirmation and held event, one expiry notice and one expired event
        assertThat(backend.countItems()).containsEntry("Outbox", 30 * 4);
    }

    @Test
    void listsPageThroughACustomersReservationsNewestFirst() {
        backend.stock(sku, otherStore, 40);
        for (int i = 0; i < ReservationService.PAGE_SIZE + 3; i++) {
            backend.clock().advance(Duration.ofSeconds(1));
            backend.reserve(camille, new ReservationRequest(sku, otherStore, 1), "k" + i);
            if (i % 7 == 6) service().cancel(camille, service().mine(camille, null).items().get(0).id());
        }
        var first = service().mine(camille, null);
        assertThat(first.items()).hasSize(ReservationService.PAGE_SIZE);
        assertThat(first.items()).isSortedAccordingTo((a, b) -> b.createdAt().compareTo(a.createdAt()));
        var second = service().mine(camille, first.nextCursor());
        assertThat(second.items()).hasSize(3);
        assertThat(service().mine(hugo, null).items()).isEmpty();
        assertThatThrownBy(() -> service().mine(hugo, first.nextCursor()))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void storeListFiltersByStatus() {
        var a = backend.reserve(camille, new ReservationRequest(sku, otherStore, 1), "a").reservation();
        backend.reserve(hugo, new ReservationRequest(sku, otherStore, 1), "b");
        service().cancel(camille, a.id());
        var staff = Actor.staff("staff-y", otherStore);

        assertThat(service().forStore(staff, otherStore, "HELD", null).items()).hasSize(1);
        assertThat(service().forStore(staff, otherStore, "CANCELLED", null).items())
                .extracting(Reservation::id).containsExactly(a.id());
        assertThat(service().forStore(staff, otherStore, null, null).items()).hasSize(2);
        assertThatThrownBy(() -> service().forStore(staff, store, null, null)).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> service().forStore(staff, otherStore, "LOST", null))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void feedSetsCountsIgnoresStaleFeedsAndNeverLosesHeldUnits() {
        backend.reserve(camille, new ReservationRequest(sku, store, 3), "k");
        var staff = Actor.staff("staff-lea", store);
        var other = backend.catalog().listing().get(1).sku();

        var result = backend.stockService().applyFeed(staff, store,
                new StockFeed(10L, List.of(new StockFeed.Line(sku, 1), new StockFeed.Line(other, 12))));

        assertThat(result.applied()).isTrue();
        assertThat(result.linesApplied()).isEqualTo(2);
        assertThat(result.shortfalls()).extracting(s -> s.sku()).containsExactly(sku);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 3));
        assertThat(backend.level(other, store)).isEqualTo(new StockLevel(other, store, 12, 0));

        var stale = backend.stockService().applyFeed(staff, store,
                new StockFeed(10L, List.of(new StockFeed.Line(other, 99))));
        assertThat(stale.applied()).isFalse();
        assertThat(stale.lastAppliedSequence()).isEqualTo(10L);
        assertThat(backend.level(other, store).onHand()).isEqualTo(12);

        backend.stockService().applyFeed(staff, store, new StockFeed(11L, List.of(new StockFeed.Line(sku, 8))));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 8, 3));
        assertThat(backend.storedStock(sku, store).available()).isEqualTo(5);
    }

    @Test
    void aLateLineNeverOverwritesANewerCount() {
        assertThat(backend.ledger().applyCount(store, 5, sku, 9).applied()).isTrue();
        assertThat(backend.ledger().applyCount(store, 4, sku, 1)).isEqualTo(com.omnicanal.stock.StockLedger.CountOutcome.SUPERSEDED);
        assertThat(backend.level(sku, store).onHand()).isEqualTo(9);
        assertThat(backend.ledger().applyCount(store, 5, sku, 1).applied()).isFalse();
    }

    @Test
    void twentyFeedsCountingAtOnceLeaveTheNewestCount() throws Exception {
        Race.of(20).run(i -> {
            long feed = i + 1;
            var applied = backend.ledger().applyCount(store, feed, sku, 100 + (int) feed).applied();
            backend.ledger().recordFeed(store, feed);
            return applied;
        });

        assertThat(backend.level(sku, store).onHand()).isEqualTo(120);
        assertThat(backend.ledger().lastAppliedFeed(store)).isEqualTo(20);
        assertThat(backend.ledger().applyCount(store, 20, sku, 1)).isEqualTo(StockLedger.CountOutcome.SUPERSEDED);
    }

    @Test
    void aFeedWritesOnlyTheCountsThatChanged() {
        var staff = Actor.staff("staff-lea", store);
        var other = backend.catalog().listing().get(1).sku();
        backend.stockService().applyFeed(staff, store, new StockFeed(1L, List.of(new StockFeed.Line(sku, 9),
                new StockFeed.Line(other, 4))));

        var second = backend.stockService().applyFeed(staff, store, new StockFeed(2L, List.of(new StockFeed.Line(sku, 9),
                new StockFeed.Line(other, 5))));

        assertThat(second.linesApplied()).isEqualTo(2);
        assertThat(second.linesUnchanged()).isEqualTo(1);
        assertThat(backend.level(sku, store).onHand()).isEqualTo(9);
        assertThat(backend.level(other, store).onHand()).isEqualTo(5);
        // the skipped line is still guarded by the store's sequence: the late feed 1 sent again changes nothing
        var late = backend.stockService().applyFeed(staff, store, new StockFeed(1L, List.of(new StockFeed.Line(sku, 2))));
        assertThat(late.applied()).isFalse();
        assertThat(late.lastAppliedSequence()).isEqualTo(2L);
        assertThat(backend.level(sku, store).onHand()).isEqualTo(9);
    }

    @Test
    void aLineSkippedAsUnchangedIsNotOverwrittenByAnOlderFeedStillUnderWay() {
        var staff = Actor.staff("staff-lea", store);
        backend.stockService().applyFeed(staff, store, new StockFeed(1L, List.of(new StockFeed.Line(sku, 10))));
        // feed 2 (counting 3) has begun and is slow; feed 3 counts 10 again, as the item holds now, and finishes first
        var older = backend.ledger().claimFeed(store, 2, backend.clock().instant());
        assertThat(older.claimed()).isTrue();

        var newer = backend.stockService().applyFeed(staff, store, new StockFeed(3L, List.of(new StockFeed.Line(sku, 10))));
        // feed 2 then writes its line and finishes
        backend.ledger().applyCount(store, 2, sku, 3);
        backend.ledger().recordFeed(store, 2);

        assertThat(backend.level(sku, store).onHand()).isEqualTo(10);
        assertThat(newer.applied()).isTrue();
        assertThat(newer.linesUnchanged()).isZero();
        assertThat(backend.ledger().lastAppliedFeed(store)).isEqualTo(3);
        // no feed under way any more: the same count is skipped again
        var next = backend.stockService().applyFeed(staff, store, new StockFeed(4L, List.of(new StockFeed.Line(sku, 10))));
        assertThat(next.linesUnchanged()).isEqualTo(1);
        // and an older feed that had not begun when a newer one did is stale, though the newer one is not finished
        backend.ledger().claimFeed(store, 6, backend.clock().instant());
        var tooLate = backend.stockService().applyFeed(staff, store, new StockFeed(5L, List.of(new StockFeed.Line(sku, 1))));
        assertThat(tooLate.applied()).isFalse();
        assertThat(tooLate.lastAppliedSequence()).isEqualTo(6L);
        assertThat(backend.level(sku, store).onHand()).isEqualTo(10);
    }

    @Test
    void aFeedClaimAbandonedLongerThanALambdaLivesNoLongerStopsSkipping() {
        var staff = Actor.staff("staff-lea", store);
        backend.stockService().applyFeed(staff, store, new StockFeed(1L, List.of(new StockFeed.Line(sku, 10))));
        backend.ledger().claimFeed(store, 2, backend.clock().instant());
        backend.clock().advance(Duration.ofMinutes(16));

        var next = backend.stockService().applyFeed(staff, store, new StockFeed(3L, List.of(new StockFeed.Line(sku, 10))));

        assertThat(next.linesUnchanged()).isEqualTo(1);
        assertThat(backend.ledger().lastAppliedFeed(store)).isEqualTo(3);
    }

    @Test
    void twentyFiveReservationsDuringAFeedNeverOversell() throws Exception {
        var staff = Actor.staff("staff-lea", store);
        var skus = backend.catalog().listing().stream().map(p -> p.sku()).limit(8).toList();
        var lines = new ArrayList<StockFeed.Line>();
        for (var s : skus) lines.add(new StockFeed.Line(s, s.equals(sku) ? 1000 : 5));
        backend.stockService().applyFeed(staff, store, new StockFeed(1L, lines));
        // units already held when the count lands: it must set them aside
        for (int i = 0; i < 5; i++) backend.reserve(Actor.customer("early" + i), new ReservationRequest(sku, store, 1), "k");
        var recount = new ArrayList<StockFeed.Line>();
        for (var s : skus) recount.add(new StockFeed.Line(s, s.equals(sku) ? 900 : 6));
        var held = new AtomicInteger();
        var counted = new AtomicBoolean();
        Race.of(26).run(reserver -> {
            if (reserver == 25) {
                var result = backend.stockService().applyFeed(staff, store, new StockFeed(2L, recount));
                counted.set(true);
                return result;
            }
            // reserve one unit after another while the feed runs, then once more after it
            for (int attempt = 0; attempt < 30; attempt++) {
                boolean last = counted.get();
                try {
                    backend.reserve(Actor.customer("c" + reserver + "-" + attempt), new ReservationRequest(sku, store, 1), "k");
                    held.incrementAndGet();
                } catch (InsufficientStock refused) {
                    // none left: refused, never oversold
                }
                if (last) break;
            }
            return null;
        });

        var level = backend.level(sku, store);
        assertThat(level.reserved()).isEqualTo(5 + held.get());
        assertThat(level.reserved()).isBetween(0, level.onHand());
        assertThat(backend.storedStock(sku, store).available()).isEqualTo(level.onHand() - level.reserved());
        // 25 x 30 attempts cannot reach the count: it is set as counted, no shortfall
        assertThat(level.onHand()).isEqualTo(900);
    }

    @Test
    void reservingWhereTheProductWasNeverStockedIsAShortageNotAnError() {
        var never = backend.catalog().listing().get(2).sku();
        assertThatThrownBy(() -> backend.reserve(camille, new ReservationRequest(never, store, 1), "k"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.available()).isZero());
        assertThat(backend.countItems()).containsEntry("Orders", 0);
    }

    @Test
    void aKeyIsForgottenOnceItsWindowHasPassed() {
        var first = backend.reserve(camille, new ReservationRequest(sku, otherStore, 1), "key-1").reservation();
        backend.clock().advance(Idempotency.WINDOW.minusSeconds(1));
        assertThat(backend.reserve(camille, new ReservationRequest(sku, otherStore, 1), "key-1").replayed()).isTrue();

        backend.clock().advance(Duration.ofSeconds(2));
        var later = backend.reserve(camille, new ReservationRequest(sku, otherStore, 1), "key-1");

        assertThat(later.replayed()).isFalse();
        assertThat(later.reservation().id()).isNotEqualTo(first.id());
        assertThat(backend.level(sku, otherStore).reserved()).isEqualTo(2);
    }

    @Test
    void anErasedCustomerCannotReserveAndNothingIsWritten() {
        backend.markErased(hugo.id());

        assertThatThrownBy(() -> backend.reserve(hugo, new ReservationRequest(sku, store, 1), "k"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThat(backend.level(sku, store).reserved()).isZero();
        assertThat(backend.countItems()).containsEntry("Orders", 0).containsEntry("Outbox", 0)
                .containsEntry("Idempotency", 0);
    }

    @Test
    void aReleaseOfAReservationThatMovedToAnotherCustomerChangesNothing() {
        var r = backend.reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var asIfMerged = new Reservation(r.id(), "cust-someone-else", r.sku(), r.productName(), r.storeId(),
                r.storeName(), r.quantity(), ReservationStatus.CANCELLED, r.createdAt(), r.expiresAt(), r.updatedAt());

        assertThat(backend.reservations().release(asIfMerged, java.util.Optional.empty(), java.util.Optional.empty())).isFalse();
        assertThat(backend.reservations().complete(asIfMerged, new BusinessEvent.ReservationCompleted(r.id(),
                asIfMerged.customerId(), r.storeId(), r.sku(), r.updatedAt()))).isFalse();
        assertThat(backend.reservations().find(r.id()).orElseThrow().status()).isEqualTo(ReservationStatus.HELD);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 2));
    }

    /** 50 customers race for the last 10 units: exactly 10 win, nobody oversells, stock never goes negative. */
    @Test
    void fiftyParallelReservationsForTheLastTenUnitsGiveExactlyTenHolds() throws Exception {
        backend.stock(sku, store, 10);
        var negativeSeen = new AtomicBoolean();
        var watching = new AtomicBoolean(true);
        var watcher = new Thread(() -> {
            while (watching.get()) {
                var level = backend.storedStock(sku, store);
                if (level.available() < 0 || level.reserved() > level.onHand()
                        || level.available() != level.onHand() - level.reserved()) {
                    negativeSeen.set(true);
                }
                Thread.onSpinWait();
            }
        });
        watcher.start();
        long began = System.nanoTime();
        Race.Outcomes<?> outcomes;
        try {
            outcomes = Race.of(50).expecting(InsufficientStock.class).within(Duration.ofSeconds(60))
                    .run(i -> backend.reserve(Actor.customer("cust-" + i), new ReservationRequest(sku, store, 1), "race"));
        } finally {
            watching.set(false);
            watcher.join();
        }
        long millis = (System.nanoTime() - began) / 1_000_000;
        long successes = outcomes.count(Race.Outcome::succeeded);
        long shortages = outcomes.count(o -> o.failedWith(InsufficientStock.class));

        System.out.printf("last-units race on %s: 50 reservers, 10 units -> %d held, %d refused, %d ms%n",
                getClass().getSimpleName(), successes, shortages, millis);
        assertThat(successes).isEqualTo(10);
        assertThat(shortages).isEqualTo(40);
        assertThat(negativeSeen.get()).as("stock seen negative or inconsistent mid-race").isFalse();
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 10, 10));
        assertThat(backend.countItems()).containsEntry("Orders", 10).containsEntry("Outbox", 10 + 10);
    }
}
