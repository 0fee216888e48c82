package com.omnicanal.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.messaging.ChannelKind;
import com.omnicanal.messaging.Dispatcher;
import com.omnicanal.messaging.SmsText;
import com.omnicanal.messaging.dynamo.DynamoDeliveryLog;
import com.omnicanal.messaging.templates.MustacheTemplates;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.PickupCodes;
import com.omnicanal.stock.StockLevel;
import java.time.Duration;
import com.omnicanal.testing.FailingWrites;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class OrdersOnDynamoDbLocalTest {
    private static DynamoDbLocal dynamo;
    private OrderFixture fx;

    @BeforeAll
    static void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
    }

    @BeforeEach
    void fresh() {
        fx = new OrderFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", fx.paris, 3);
        fx.backend.stock("TSH-COT-BLU-L", fx.paris, 2);
        fx.backend.stock("VES-LIN-BEI-M", fx.paris, 0);
        fx.backend.stock("VES-LIN-BEI-M", fx.saintGermain, 3);
        fx.backend.stock("VES-LIN-BEI-M", StockLevel.WEB, 4);
        fx.backend.stock("TSH-COT-BLU-M", fx.saintGermain, 5);
    }

    private boolean outbox(String id) {
        var item = dynamo.client().getItem(r -> r.tableName("Outbox").key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item != null && !item.isEmpty();
    }

    /** The SMS the customer would get for this outbox message, in French, as the dispatcher prepares it. */
    private String frenchSms(String messageId) {
        var message = new DynamoDeliveryLog(dynamo.client(), fx.backend.tables.outbox()).find(messageId).orElseThrow().message();
        return SmsText.gsmFriendly(new MustacheTemplates().render(message.kind(), "fr", ChannelKind.SMS,
                message.templateData()).text());
    }

    @Test
    void theOrderReadySmsGivesTodaysAndTomorrowsHoursInFrenchInTheStoresTimeZone() {
        // Monday 23 November 2026, 10:00 in Paris: Rivoli opens 10:00-19:30 on Mondays and Tuesdays
        var monday = fx.ready("k1");
        var sms = frenchSms(OrderService.READY + "#" + monday.id());
        assertThat(sms).contains("Horaires : aujourd'hui 10:00-19:30, demain 10:00-19:30.")
                .contains("commande " + monday.id().substring(monday.id().length() - 6))
                .doesNotContain("MON", "TUE", "SUN", "...");
        assertThat(SmsText.segments(sms).encoding()).isEqualTo(SmsText.Encoding.GSM7);
        assertThat(SmsText.segments(sms).count()).isLessThanOrEqualTo(Dispatcher.Policy.DEFAULT.smsMaxSegments());

        // Saturday afternoon at Saint-Germain, closed on Sundays
        fx.backend.clock.advance(Duration.ofDays(5).plusHours(4).plusMinutes(30));
        var order = fx.service.place(fx.camille, OrderFixture.request(fx.saintGermain, "TSH-COT-BLU-M", "1"), "k2").order();
        var staff = Actor.staff("staff-ines", fx.saintGermain);
        fx.service.accept(staff, fx.saintGermain, order.id());
        fx.service.ready(staff, fx.saintGermain, order.id());
        assertThat(frenchSms(OrderService.READY + "#" + order.id()))
                .contains("Horaires : aujourd'hui 10:00-20:00, demain fermé.");

        // Saturday 23:30 UTC is already Sunday in Paris: Rivoli opens 11:00-13:00 on Sundays
        fx.backend.clock.advance(Duration.ofHours(10));
        var sunday = fx.ready("k3");
        assertThat(frenchSms(OrderService.READY + "#" + sunday.id()))
                .contains("Horaires : aujourd'hui 11:00-13:00, demain 10:00-19:30.");
    }

    @Test
    void placingHoldsEveryLineAtThePickupStoreWithItsMessage() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "2", "TSH-COT-BLU-L", "1");

        assertThat(order.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(order.totalCents()).isEqualTo(3 * 2990);
        assertThat(order.contact().phone()).isEqualTo("+33612345678");
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isEqualTo(2);
        assertThat(fx.backend.level("TSH-COT-BLU-L", fx.paris).reserved()).isEqualTo(1);
        assertThat(outbox(OrderService.PLACED + "#" + order.id())).isTrue();
        assertThat(fx.service.get(fx.camille, order.id())).isEqualTo(order);
        assertThatThrownBy(() -> fx.service.get(fx.hugo, order.id())).isInstanceOf(DomainException.NotFound.class);

        var replay = fx.service.place(fx.camille, OrderFixture.request(fx.paris, "TSH-COT-BLU-M", "2", "TSH-COT-BLU-L", "1"), "k1");
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.order()).isEqualTo(order);
        assertThatThrownBy(() -> fx.service.place(fx.camille, OrderFixture.request(fx.paris, "TSH-COT-BLU-M", "1"), "k1"))
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

        var confirmed = fx.service.confirmOption(fx.camille, order.id(), "transfer");

        assertThat(confirmed.status()).isEqualTo(OrderStatus.PLACED);
        assertThat(confirmed.pickupStoreId()).isEqualTo(fx.paris);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isEqualTo(1);
        assertThat(fx.backend.level("VES-LIN-BEI-M", StockLevel.WEB).reserved()).isEqualTo(1);
        assertThatThrownBy(() -> fx.service.confirmOption(fx.camille, order.id(), "transfer"))
                .isInstanceOf(DomainException.InvalidState.class);
    }

    @Test
    void choosingAnotherStoreMovesThePickupThere() {
        var order = fx.placed("k1", "VES-LIN-BEI-M", "2");
        var moved = fx.service.confirmOption(fx.camille, order.id(), "store:" + fx.saintGermain);
        assertThat(moved.pickupStoreId()).isEqualTo(fx.saintGermain);
        assertThat(fx.backend.level("VES-LIN-BEI-M", fx.saintGermain).reserved()).isEqualTo(2);
        assertThat(fx.service.forStore(fx.lea, fx.paris, null, null).items()).isEmpty();
    }

    @Test
    void theStoreAcceptsPreparesAndTheCustomerCollectsWithTheCode() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "2");
        assertThatThrownBy(() -> fx.service.accept(fx.karim, fx.paris, order.id())).isInstanceOf(DomainException.Forbidden.class);
        fx.service.accept(fx.lea, fx.paris, order.id());
        var ready = fx.service.ready(fx.lea, fx.paris, order.id());

        assertThat(ready.pickupCode()).hasSize(PickupCodes.LENGTH).matches("[" + PickupCodes.ALPHABET + "]+");
        assertThat(ready.expiresAt()).isEqualTo(ready.readyAt().plus(Duration.ofDays(7)));
        assertThat(outbox(OrderService.READY + "#" + order.id())).isTrue();
        assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, order.id(), "AAAAAA"))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("4 tries left");

        var collected = fx.service.collect(fx.lea, fx.paris, order.id(), ready.pickupCode().toLowerCase());

        assertThat(collected.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris)).isEqualTo(new StockLevel("TSH-COT-BLU-M", fx.paris, 1, 0));
        assertThat(collected.timeline()).extracting(Order.Event::status)
                .containsExactly("PLACED", "ACCEPTED", "READY", "COLLECTED");
        assertThat(fx.service.sweep().payments()).isEqualTo(1);
        assertThat(fx.payments.calls()).singleElement().satisfies(c -> {
            assertThat(c.action()).isEqualTo("CAPTURE");
            assertThat(c.amountCents()).isEqualTo(2 * 2990);
        });
        assertThat(fx.service.sweep().payments()).isZero();
    }

    @Test
    void fiveWrongCodesLockTheOrderUntilStaffUnlockIt() {
        var ready = fx.ready("k1");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, ready.id(), "WRONG1"))
                    .isInstanceOf(DomainException.InvalidState.class);
        }
        assertThat(fx.service.get(fx.lea, ready.id()).locked()).isTrue();
        assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()))
                .hasMessageContaining("locked");
        fx.service.unlock(fx.lea, fx.paris, ready.id());
        assertThat(fx.service.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    /** Every answer to a code says whether the code was compared: a wrong code (or a collection) was, a lock was not. */
    private List<String> guessAtOnce(String orderId, List<String> codes) throws Exception {
        var pool = Executors.newFixedThreadPool(codes.size());
        var start = new CountDownLatch(1);
        var answers = new ArrayList<Future<String>>();
        for (var code : codes) {
            answers.add(pool.submit(() -> {
                start.await();
                try {
                    fx.service.collect(fx.lea, fx.paris, orderId, code);
                    return "collected";
                } catch (DomainException.InvalidState e) {
                    return e.getMessage();
                }
            }));
        }
        start.countDown();
        var all = new ArrayList<String>();
        for (var answer : answers) all.add(answer.get(60, TimeUnit.SECONDS));
        pool.shutdown();
        return all;
    }

    @ParameterizedTest(name = "{0} codes at once, all different: {1}")
    @CsvSource({"20, false", "60, true"})
    void concurrentGuessesCompareAtMostFiveCodesThenEvenTheRightOneWaitsForStaffToUnlock(int guesses, boolean distinct)
            throws Exception {
        var ready = fx.ready("k1");
        var codes = new ArrayList<String>();
        while (codes.size() < guesses) {
            var code = distinct ? PickupCodes.next() : "WRONG1";
            if (!code.equals(ready.pickupCode()) && (!distinct || !codes.contains(code))) codes.add(code);
        }

        var answers = guessAtOnce(ready.id(), codes);

        long compared = answers.stream().filter(a -> a.startsWith("wrong pickup code")).count();
        assertThat(compared).as("codes compared with the real one").isEqualTo(OrderPolicy.DEFAULT.maxWrongCodes());
        assertThat(answers).filteredOn(a -> !a.startsWith("wrong pickup code")).allMatch(a -> a.contains("locked"));
        var stored = fx.orders.find(ready.id()).orElseThrow();
        assertThat(stored.wrongCodes()).as("every compared code is counted").isEqualTo(compared);
        assertThat(stored.locked()).isTrue();
        assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("locked");
        assertThat(fx.service.get(fx.lea, ready.id()).status()).isEqualTo(OrderStatus.READY);

        fx.service.unlock(fx.lea, fx.paris, ready.id());
        assertThat(fx.service.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    @Test
    void aCodeIsNotComparedWhenItsTryCannotBeCounted() {
        var counter = new FailingWrites(dynamo.client(), "updateItem");
        var faulty = new OrderFixture(counter.client());
        faulty.backend.stock("TSH-COT-BLU-M", faulty.paris, 3);
        var ready = faulty.ready("k1");
        counter.failing = true;

        assertThatThrownBy(() -> faulty.service.collect(faulty.lea, faulty.paris, ready.id(), ready.pickupCode()))
                .isInstanceOf(ProvisionedThroughputExceededException.class);

        counter.failing = false;
        var stored = faulty.service.get(faulty.lea, ready.id());
        assertThat(stored.status()).as("the right code, uncounted, collected nothing").isEqualTo(OrderStatus.READY);
        assertThat(faulty.backend.level("TSH-COT-BLU-M", faulty.paris).reserved()).isEqualTo(1);
        assertThat(faulty.service.collect(faulty.lea, faulty.paris, ready.id(), ready.pickupCode()).status())
                .isEqualTo(OrderStatus.COLLECTED);
    }

    @Test
    void aReminderSentBetweenWrongCodesDoesNotGiveBackTheTriesTheyUsed() {
        var ready = fx.ready("k1");
        fx.backend.clock.advance(Duration.ofHours(25));
        // the sweeper read the order before the wrong codes came, and writes its reminder after them
        var seenBySweeper = fx.orders.find(ready.id()).orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, ready.id(), "WRONG1"))
                    .hasMessageContaining("wrong pickup code");
        }
        var reminder = seenBySweeper.withReminder(OrderService.FIRST_REMINDER);
        fx.orders.apply(Orders.Change.of(reminder, OrderStatus.READY).reminder(OrderService.FIRST_REMINDER));

        assertThat(fx.orders.find(ready.id()).orElseThrow().wrongCodes()).isEqualTo(3);
        assertThat(fx.service.sweep().reminders()).as("the next sweep sends it").isEqualTo(1);
        assertThat(fx.orders.find(ready.id()).orElseThrow().wrongCodes()).isEqualTo(3);
    }

    @Test
    void theRightCodeOnTheLastAllowedTryCollectsAndLeavesTheOrderUnlocked() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.service.accept(fx.lea, fx.paris, order.id());
        var ready = fx.service.ready(fx.lea, fx.paris, order.id());
        for (int i = 1; i < OrderPolicy.DEFAULT.maxWrongCodes(); i++) {
            assertThatThrownBy(() -> fx.service.collect(fx.lea, fx.paris, order.id(), "AAAAAA"))
                    .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("wrong pickup code");
        }

        var collected = fx.service.collect(fx.lea, fx.paris, order.id(), ready.pickupCode());

        assertThat(collected.status()).isEqualTo(OrderStatus.COLLECTED);
        assertThat(collected.locked()).as("a collected order is not shown locked").isFalse();
        assertThat(fx.orders.find(order.id()).orElseThrow().locked()).isFalse();
    }

    @Test
    void twoDevicesCollectingAtOnceOneWinsAndTheStockIsRightOnce() throws Exception {
        var ready = fx.ready("k1");
        var pool = Executors.newFixedThreadPool(2);
        Callable<Boolean> collect = () -> {
            try {
                fx.service.collect(fx.lea, fx.paris, ready.id(), ready.pickupCode());
                return true;
            } catch (DomainException.InvalidState e) {
                return false;
            }
        };
        var a = pool.submit(collect);
        var b = pool.submit(collect);
        assertThat(a.get() ^ b.get()).as("exactly one device wins").isTrue();
        pool.shutdown();
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris)).isEqualTo(new StockLevel("TSH-COT-BLU-M", fx.paris, 2, 0));
    }

    @Test
    void twoDevicesMarkingReadyAtOnceLeaveOneCode() throws Exception {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.service.accept(fx.lea, fx.paris, order.id());
        var pool = Executors.newFixedThreadPool(2);
        Callable<String> ready = () -> {
            try {
                return fx.service.ready(fx.lea, fx.paris, order.id()).pickupCode();
            } catch (DomainException.InvalidState e) {
                return null;
            }
        };
        var a = pool.submit(ready).get();
        var b = pool.submit(ready).get();
        pool.shutdown();
        assertThat(a == null ^ b == null).isTrue();
        var stored = fx.service.get(fx.camille, order.id());
        assertThat(stored.pickupCode()).isEqualTo(a != null ? a : b);
        assertThat(fx.backend.countItems().get("Orders")).isEqualTo(2); // the order and its one pickup code
    }

    @Test
    void remindersGoOnceAndAnUncollectedOrderExpiresReleasingItsStock() {
        var ready = fx.ready("k1");
        assertThat(fx.service.sweep().reminders()).isZero();
        fx.backend.clock.advance(Duration.ofHours(25));
        assertThat(fx.service.sweep().reminders()).isEqualTo(1);
        assertThat(fx.service.sweep().reminders()).isZero();
        fx.backend.clock.advance(Duration.ofDays(4));
        assertThat(fx.service.sweep().reminders()).isEqualTo(1);
        assertThat(fx.service.sweep().reminders()).isZero();
        assertThat(outbox(OrderService.REMINDER + "#" + OrderService.FIRST_REMINDER + "#" + ready.id())).isTrue();
        assertThat(outbox(OrderService.REMINDER + "#" + OrderService.LAST_REMINDER + "#" + ready.id())).isTrue();
        fx.backend.clock.advance(Duration.ofDays(2));

        var sweep = fx.service.sweep();

        assertThat(sweep.expired()).isEqualTo(1);
        assertThat(fx.service.get(fx.camille, ready.id()).status()).isEqualTo(OrderStatus.EXPIRED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        assertThat(outbox(OrderService.EXPIRED + "#" + ready.id())).isTrue();
        assertThat(fx.payments.calls()).extracting(c -> c.action()).containsExactly("VOID");
        assertThat(fx.service.sweep().expired()).isZero();
    }

    @Test
    void theCustomerCancelsOnlyBeforeReady() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        assertThatThrownBy(() -> fx.service.cancelByCustomer(fx.hugo, order.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(fx.service.cancelByCustomer(fx.camille, order.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        var ready = fx.ready("k2");
        assertThatThrownBy(() -> fx.service.cancelByCustomer(fx.camille, ready.id()))
                .isInstanceOf(DomainException.InvalidState.class);
        assertThat(fx.service.cancelByStore(fx.lea, fx.paris, ready.id()).status()).isEqualTo(OrderStatus.CANCELLED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
    }

    @Test
    void rejectionReleasesTheStockAndTellsTheCustomerWhereElse() {
        var order = fx.placed("k1", "TSH-COT-BLU-M", "1");
        var rejected = fx.service.reject(fx.lea, fx.paris, order.id(), "article abîmé");
        assertThat(rejected.status()).isEqualTo(OrderStatus.REJECTED);
        assertThat(fx.backend.level("TSH-COT-BLU-M", fx.paris).reserved()).isZero();
        var message = dynamo.client().getItem(r -> r.tableName("Outbox")
                .key(Map.of("id", AttributeValue.fromS(OrderService.REJECTED + "#" + order.id())))).item();
        assertThat(message.get("templateData").m().get("alternatives").s()).contains("Saint-Germain");
    }

    @Test
    void pickupCodesAreUniqueAmongTheStoresOpenOrders() {
        fx.backend.stock("TSH-COT-BLU-M", fx.paris, 60);
        var codes = new HashSet<String>();
        for (int i = 0; i < 40; i++) codes.add(fx.ready("k" + i).pickupCode());
        assertThat(codes).hasSize(40);
        var another = fx.placed("other", "TSH-COT-BLU-M", "1");
        fx.service.accept(fx.lea, fx.paris, another.id());
        var taken = codes.iterator().next();
        var clash = fx.service.get(fx.lea, another.id()).moveTo(OrderStatus.READY, fx.backend.clock.instant(), "t", null)
                .with(taken, fx.backend.clock.instant(), fx.backend.clock.instant().plus(Duration.ofDays(7)));
        assertThat(fx.orders.apply(Orders.Change.of(clash, OrderStatus.ACCEPTED).claimCode(taken)))
                .isInstanceOf(Orders.Outcome.CodeTaken.class);
        assertThat(fx.service.get(fx.lea, another.id()).status()).isEqualTo(OrderStatus.ACCEPTED);
    }

    @Test
    void theStoreQueueIsOldestFirstAndFlagsLateOrders() {
        var first = fx.placed("k1", "TSH-COT-BLU-M", "1");
        fx.backend.clock.advance(Duration.ofMinutes(40));
        fx.placed("k2", "TSH-COT-BLU-M", "1");
        fx.backend.clock.advance(Duration.ofMinutes(30)); // Paris Rivoli's target is 60 minutes
        var queue = fx.service.forStore(fx.lea, fx.paris, "placed", null);
        assertThat(queue.items()).hasSize(2);
        assertThat(queue.items().get(0).order().id()).isEqualTo(first.id());
        assertThat(queue.items().get(0).late()).isTrue();
        assertThat(queue.items().get(1).late()).isFalse();
        assertThat(queue.items().get(1).minutesLeft()).isEqualTo(30);
        assertThat(queue.late()).isEqualTo(1);
        assertThatThrownBy(() -> fx.service.forStore(fx.karim, fx.paris, null, null)).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void badOrdersNameTheirFields() {
        var bad = new OrderRequest(java.util.List.of(new OrderRequest.LineRequest("NOPE", 0)), fx.paris,
                new Order.Contact("", "not-an-email", "12"), "x");
        assertThatThrownBy(() -> fx.service.place(fx.camille, bad, "k"))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class, e -> assertThat(e.violations())
                        .extracting(DomainException.Violation::field)
                        .containsExactlyInAnyOrder("lines[0].sku", "lines[0].quantity", "contact.name", "contact.email",
                                "contact.phone", "paymentAuthorization"));
        assertThat(fx.backend.countItems().get("Orders")).isZero();
    }
}
