package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.stock.StockFeed;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import java.util.Map;

/**
 * The DynamoDB adapters' behaviour through the services: run on DynamoDB Local always, and on LocalStack where Docker
 * exists.
 */
public abstract class ReservationsContract {
    protected TestBackend backend;
    protected String sku;
    protected String store;
    protected String otherStore;
    protected final Actor camille = Actor.customer("cust-camille");
    protected final Actor hugo = Actor.customer("cust-hugo");

    protected abstract TestBackend backend();

    @BeforeEach
    void freshTables() {
        backend = backend();
        backend.resetTables();
        sku = backend.catalog.products().get(0).sku();
        store = backend.catalog.stores().get(0).id();
        otherStore = backend.catalog.stores().get(1).id();
        backend.stock(sku, store, 3);
        backend.stock(sku, otherStore, 7);
        backend.stock(sku, StockLevel.WEB, 20);
    }

    private ReservationService service() {
        return backend.reservationService;
    }

    @Test
    void reservingHoldsStockAndWritesReservationAndOutboxMessageTogether() {
        var outcome = service().reserve(camille, new ReservationRequest(sku, store, 2), "key-1");

        var r = outcome.reservation();
        assertThat(r.status()).isEqualTo(ReservationStatus.HELD);
        assertThat(r.expiresAt()).isEqualTo(TestBackend.START.plus(Duration.ofHours(48)));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 2));
        assertThat(backend.rawStock(sku, store).get("available").n()).isEqualTo("1");
        assertThat(backend.reservations.find(r.id())).contains(r);
        var message = backend.dynamo.getItem(GetItemRequest.builder().tableName(backend.tables.outbox())
                .key(Map.of("id", AttributeValue.fromS(ReservationService.CONFIRMED + "#" + r.id()))).build()).item();
        assertThat(message.get("kind").s()).isEqualTo(ReservationService.CONFIRMED);
        assertThat(message.get("customerId").s()).isEqualTo("cust-camille");
        assertThat(message.get("purpose").s()).isEqualTo("TRANSACTIONAL");
        assertThat(message.get("templateData").m().get("reservationId").s()).isEqualTo(r.id());
    }

    @Test
    void notEnoughStockChangesNothingAndNamesTheStoresThatHaveIt() {
        assertThatThrownBy(() -> service().reserve(camille, new ReservationRequest(sku, store, 4), "key-1"))
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
        var first = service().reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        var again = service().reserve(camille, new ReservationRequest(sku, store, 1), "key-1");

        assertThat(again.replayed()).isTrue();
        assertThat(again.reservation()).isEqualTo(first.reservation());
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
        assertThat(backend.countItems()).containsEntry("Orders", 1).containsEntry("Outbox", 1);
    }

    @Test
    void sameIdempotencyKeyWithAnotherBodyIsRefusedAndChangesNothing() {
        service().reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        assertThatThrownBy(() -> service().reserve(camille, new ReservationRequest(sku, store, 2), "key-1"))
                .isInstanceOf(DomainException.IdempotencyConflict.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
    }

    @Test
    void idempotencyKeysAreScopedToTheCustomer() {
        service().reserve(camille, new ReservationRequest(sku, store, 1), "key-1");
        var hugos = service().reserve(hugo, new ReservationRequest(sku, store, 2), "key-1");
        assertThat(hugos.replayed()).isFalse();
        assertThat(backend.level(sku, store).reserved()).isEqualTo(3);
    }

    @Test
    void cancellingReleasesTheHoldOnce() {
        var r = service().reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var cancelled = service().cancel(camille, r.id());

        assertThat(cancelled.status()).isEqualTo(ReservationStatus.CANCELLED);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 0));
        assertThatThrownBy(() -> service().cancel(camille, r.id())).isInstanceOf(DomainException.InvalidState.class);
        assertThat(backend.level(sku, store).reserved()).isZero();
    }

    @Test
    void anotherCustomersReservationDoesNotExistForThem() {
        var r = service().reserve(camille, new ReservationRequest(sku, store, 1), "k").reservation();
        assertThatThrownBy(() -> service().get(hugo, r.id())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> service().cancel(hugo, r.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(1);
    }

    @Test
    void completingInStoreTakesTheUnitsOffTheShelf() {
        var r = service().reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var staff = Actor.staff("staff-lea", store);

        var done = service().complete(staff, store, r.id());

        assertThat(done.status()).isEqualTo(ReservationStatus.COMPLETED);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 1, 0));
        assertThat(backend.rawStock(sku, store).get("available").n()).isEqualTo("1");
    }

    @Test
    void aCompletionWritesItsBusinessEventInItsTransactionOrNotAtAll() {
        var bought = service().reserve(camille, new ReservationRequest(sku, store, 2), "k1").reservation();
        var cancelled = service().reserve(camille, new ReservationRequest(sku, store, 1), "k2").reservation();
        var staff = Actor.staff("staff-lea", store);

        var done = service().complete(staff, store, bought.id());
        service().cancel(camille, cancelled.id());
        // a completion read before the cancellation: its transaction fails on the hold, and its event with it
        var late = cancelled.complete(backend.clock.instant());
        assertThat(backend.reservations.complete(late, new BusinessEvent.ReservationCompleted(cancelled.id(),
                camille.id(), store, sku, late.updatedAt()))).isFalse();

        assertThat(backend.businessEvents()).containsExactly(
                new BusinessEvent.ReservationCompleted(bought.id(), camille.id(), store, sku, done.updatedAt()));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 1, 0));
    }

    @Test
    void staffOfAnotherStoreCannotComplete() {
        var r = service().reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        assertThatThrownBy(() -> service().complete(Actor.staff("staff-x", otherStore), store, r.id()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> service().complete(Actor.staff("staff-x", otherStore), otherStore, r.id()))
                .isInstanceOf(DomainException.NotFound.class);
        assertThat(backend.level(sku, store).reserved()).isEqualTo(2);
    }

    @Test
    void sweeperReleasesExpiredHoldsOnceEvenWhenRunTwice() {
        var r = service().reserve(camille, new ReservationRequest(sku, store, 2), "k").reservation();
        var fresh = service().reserve(hugo, new ReservationRequest(sku, otherStore, 1), "k").reservation();
        backend.clock.advance(Duration.ofHours(47));
        service().reserve(hugo, new ReservationRequest(sku, otherStore, 1), "k2");
        backend.clock.advance(Duration.ofHours(1));

        assertThat(service().releaseExpired(100)).isEqualTo(2);
        assertThat(service().releaseExpired(100)).isZero();

        assertThat(backend.reservations.find(r.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(backend.reservations.find(fresh.id()).orElseThrow().status()).isEqualTo(ReservationStatus.EXPIRED);
        assertThat(backend.level(sku, store).reserved()).isZero();
        assertThat(backend.level(sku, otherStore).reserved()).isEqualTo(1);
        assertThat(backend.countItems()).containsEntry("Outbox", 3 + 2);
    }

    @Test
    void twoSweepersRunningAtOnceReleaseEachHoldOnce() throws Exception {
        backend.stock(sku, otherStore, 40);
        for (int i = 0; i < 30; i++) {
            service().reserve(Actor.customer("c" + i), new ReservationRequest(sku, otherStore, 1), "k");
        }
        backend.clock.advance(Duration.ofHours(49));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        var first = pool.submit(() -> service().releaseExpired(7));
        var second = pool.submit(() -> service().releaseExpired(7));
        int released = first.get() + second.get();
        released += service().releaseExpired(7);
        pool.shutdown();

        assertThat(released).isEqualTo(30);
        assertThat(backend.level(sku, otherStore)).isEqualTo(new StockLevel(sku, otherStore, 40, 0));
        assertThat(backend.countItems()).containsEntry("Outbox", 30 + 30);
    }

    @Test
    void listsPageThroughACustomersReservationsNewestFirst() {
        backend.stock(sku, otherStore, 40);
        for (int i = 0; i < ReservationService.PAGE_SIZE + 3; i++) {
            backend.clock.advance(Duration.ofSeconds(1));
            service().reserve(camille, new ReservationRequest(sku, otherStore, 1), "k" + i);
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
        var a = service().reserve(camille, new ReservationRequest(sku, otherStore, 1), "a").reservation();
        service().reserve(hugo, new ReservationRequest(sku, otherStore, 1), "b");
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
        service().reserve(camille, new ReservationRequest(sku, store, 3), "k");
        var staff = Actor.staff("staff-lea", store);
        var other = backend.catalog.products().get(1).sku();

        var result = backend.stockService.applyFeed(staff, store,
                new StockFeed(10L, List.of(new StockFeed.Line(sku, 1), new StockFeed.Line(other, 12))));

        assertThat(result.applied()).isTrue();
        assertThat(result.linesApplied()).isEqualTo(2);
        assertThat(result.shortfalls()).extracting(s -> s.sku()).containsExactly(sku);
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 3, 3));
        assertThat(backend.level(other, store)).isEqualTo(new StockLevel(other, store, 12, 0));

        var stale = backend.stockService.applyFeed(staff, store,
                new StockFeed(10L, List.of(new StockFeed.Line(other, 99))));
        assertThat(stale.applied()).isFalse();
        assertThat(stale.lastAppliedSequence()).isEqualTo(10L);
        assertThat(backend.level(other, store).onHand()).isEqualTo(12);

        backend.stockService.applyFeed(staff, store, new StockFeed(11L, List.of(new StockFeed.Line(sku, 8))));
        assertThat(backend.level(sku, store)).isEqualTo(new StockLevel(sku, store, 8, 3));
        assertThat(backend.rawStock(sku, store).get("available").n()).isEqualTo("5");
    }

    @Test
    void aLateLineNeverOverwritesANewerCount() {
        assertThat(backend.ledger.applyCount(store, 5, sku, 9).applied()).isTrue();
        assertThat(backend.ledger.applyCount(store, 4, sku, 1)).isEqualTo(com.omnicanal.stock.StockLedger.CountOutcome.SUPERSEDED);
        assertThat(backend.level(sku, store).onHand()).isEqualTo(9);
        assertThat(backend.ledger.applyCount(store, 5, sku, 1).applied()).isFalse();
    }

    @Test
    void reservingWhereTheProductWasNeverStockedIsAShortageNotAnError() {
        var never = backend.catalog.products().get(2).sku();
        assertThatThrownBy(() -> service().reserve(camille, new ReservationRequest(never, store, 1), "k"))
                .isInstanceOfSatisfying(InsufficientStock.class, e -> assertThat(e.available()).isZero());
        assertThat(backend.countItems()).containsEntry("Orders", 0);
    }
}
