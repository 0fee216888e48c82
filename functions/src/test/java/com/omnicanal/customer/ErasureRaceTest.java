package com.omnicanal.customer;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A customer erases their account while 24 of their own orders are being placed and the dispatcher works the outbox:
 * once the erasure answers, nothing of the person is left and nothing more is handed to a channel for them.
 */
class ErasureRaceTest {
    private static final int ORDERING_THREADS = 24;
    private static final String PHONE = "+33745678901";
    private static final String EMAIL = "zoe.quintard@example.fr";
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();

    @Test
    void anErasureRacingTwentyFourConcurrentOrdersLeavesNothingOfThePersonAndSendsNothingAfterItAnswers() throws Exception {
        var fx = new CustomerFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10_000);
        var zoe = Actor.customer("cust-zoe-race");
        fx.updatingProfile.update(zoe, new ProfilePatch("Zoé", "Quintard", null, null, null, null));
        fx.verified(zoe, "email", EMAIL);
        fx.verified(zoe, "phone", PHONE);

        var accepted = new AtomicInteger();
        var refused = new AtomicInteger();
        var acceptedAfterTheErasure = new ConcurrentLinkedQueue<String>();
        var erasedAt = new AtomicLong(Long.MAX_VALUE);
        var dispatching = new AtomicBoolean(true);
        // the dispatcher works the outbox all along, as the stream would
        var dispatcherFailed = new ConcurrentLinkedQueue<Throwable>();
        var dispatcher = new Thread(() -> {
            try {
                while (dispatching.get()) {
                    fx.dispatchAll();
                    Thread.sleep(2);
                }
            } catch (Throwable e) {
                dispatcherFailed.add(e);
            }
        });
        dispatcher.start();
        try {
            Race.of(ORDERING_THREADS + 1).within(Duration.ofMinutes(3)).run(thread -> {
                if (thread == ORDERING_THREADS) {
                    // the erasure comes once a few orders are in, while the others are on their way
                    while (accepted.get() < ORDERING_THREADS / 2) Thread.sleep(1);
                    fx.erasingCustomers.erase(zoe);
                    erasedAt.set(System.nanoTime());
                    return null;
                }
                // each thread keeps ordering until the erasure refuses it (or it has placed 30)
                for (int n = 0; n < 30; n++) {
                    long startedAt = System.nanoTime();
                    try {
                        var order = fx.order(zoe, "race-" + thread + "-" + n, "Zoé Quintard", EMAIL, "07 45 67 89 01");
                        accepted.incrementAndGet();
                        if (startedAt > erasedAt.get()) acceptedAfterTheErasure.add(order.id());
                    } catch (DomainException.Forbidden erased) {
                        refused.incrementAndGet();
                        return null;
                    }
                }
                return null;
            });
        } finally {
            dispatching.set(false);
            dispatcher.join(TimeUnit.MINUTES.toMillis(1));
        }
        assertThat(dispatcher.isAlive()).as("the dispatcher stopped").isFalse();
        fx.dispatchAll();

        assertThat(dispatcherFailed).as("unexpected failures of the dispatcher").isEmpty();
        assertThat(erasedAt.get()).as("the erasure answered").isLessThan(Long.MAX_VALUE);
        assertThat(accepted.get()).as("orders accepted before the erasure").isGreaterThanOrEqualTo(ORDERING_THREADS / 2);
        assertThat(refused.get()).as("every ordering thread was refused once the erasure committed").isEqualTo(ORDERING_THREADS);
        assertThat(acceptedAfterTheErasure).as("orders begun after the erasure answered and still accepted").isEmpty();

        // every order accepted is still there for the accounts and the stock, under no one's name
        var items = fx.everything();
        assertThat(items.stream().filter(i -> i.startsWith("Orders ") && i.contains("type=AttributeValue(S=ORDER)")).count())
                .isEqualTo(accepted.get());
        assertThat(fx.backend.level("TSH-COT-BLU-M", "paris-rivoli").reserved()).isEqualTo(accepted.get());
        for (var trace : List.of("cust-zoe-race", "Quintard", "Zoé", PHONE, EMAIL)) {
            assertThat(items).as("%s left after the erasure", trace).noneMatch(item -> item.contains(trace));
        }
        // what was handed to a channel for her was handed over before the erasure answered
        var sentAfter = new java.util.ArrayList<String>();
        for (var sent : fx.sms.to(PHONE)) if (sent.atNanos() > erasedAt.get()) sentAfter.add(sent.envelope().messageId());
        for (var sent : fx.email.to(EMAIL)) if (sent.atNanos() > erasedAt.get()) sentAfter.add(sent.envelope().messageId());
        assertThat(sentAfter).as("messages handed to a channel after the erasure answered").isEmpty();
    }

    @Test
    void anErasureAnswersOnlyOnceAMessageBeingHandedToAChannelForThePersonIsThrough() throws Exception {
        var fx = new CustomerFixture(dynamo.client());
        fx.backend.stock("TSH-COT-BLU-M", "paris-rivoli", 10);
        var zoe = Actor.customer("cust-zoe-wait");
        var order = fx.order(zoe, "w1", "Zoé Quintard", null, "07 45 67 89 01");
        var inChannel = new CountDownLatch(1);
        var letGo = new CountDownLatch(1);
        var handedOverAt = new AtomicLong();
        // a channel that takes its time: the dispatcher has claimed the message and checked the erasure mark
        var slowSms = new com.omnicanal.messaging.Channel() {
            @Override
            public com.omnicanal.outbox.ChannelKind kind() {
                return com.omnicanal.outbox.ChannelKind.SMS;
            }

            @Override
            public com.omnicanal.messaging.SendOutcome send(com.omnicanal.messaging.Envelope envelope) {
                inChannel.countDown();
                try {
                    letGo.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                handedOverAt.set(System.nanoTime());
                return new com.omnicanal.messaging.SendOutcome.Sent("SM-slow");
            }
        };
        var dispatcher = new com.omnicanal.messaging.Dispatcher(fx.log,
                new com.omnicanal.messaging.dynamo.DynamoContactBook(dynamo.client(), fx.backend.tables.customers()),
                new com.omnicanal.messaging.templates.MustacheTemplates(), List.of(slowSms),
                com.omnicanal.messaging.Dispatcher.Policy.DEFAULT, fx.backend.clock, d -> { });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        var sending = pool.submit(() -> dispatcher.dispatch("ORDER_PLACED#" + order.id()));
        assertThat(inChannel.await(20, TimeUnit.SECONDS)).isTrue();

        var erasing = pool.submit(() -> {
            fx.erasingCustomers.erase(zoe);
            return System.nanoTime();
        });
        Thread.sleep(500);
        assertThat(erasing.isDone()).as("the erasure answered while a message for her was being handed over").isFalse();
        letGo.countDown();
        long erasedAt = erasing.get(30, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(sending.get()).isEqualTo(com.omnicanal.messaging.Dispatcher.Result.SENT);
        assertThat(handedOverAt.get()).isLessThan(erasedAt);
        for (var trace : List.of("cust-zoe-wait", "Quintard", PHONE)) {
            assertThat(fx.everything()).as(trace).noneMatch(item -> item.contains(trace));
        }
    }
}
