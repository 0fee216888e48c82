package com.omnicanal.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.reservation.InsufficientStock;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.Actor;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.TestBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

/**
 * DynamoDB throttles and fails under the reservations: a client that injects throttling (before the call: nothing
 * written) and 500s after the call went through (written, but the caller cannot know). Customers retry with the same
 * Idempotency-Key as the API tells them to; every accepted reservation exists exactly once and the stock adds up.
 */
class DynamoFaultsTest {
    static final class Faults {
        final AtomicBoolean on = new AtomicBoolean();
        final AtomicInteger throttled = new AtomicInteger();
        final AtomicInteger failedAfterWrite = new AtomicInteger();
        final Random random = new Random(20261123);

        DynamoDbClient around(DynamoDbClient real) {
            return (DynamoDbClient) Proxy.newProxyInstance(DynamoDbClient.class.getClassLoader(),
                    new Class<?>[] {DynamoDbClient.class}, (proxy, method, args) -> {
                        var name = method.getName();
                        boolean data = name.endsWith("Item") || name.endsWith("Items") || name.equals("query");
                        double dice;
                        synchronized (random) {
                            dice = random.nextDouble();
                        }
                        if (on.get() && data && dice < 0.15) {
                            throttled.incrementAndGet();
                            throw ProvisionedThroughputExceededException.builder().statusCode(400)
                                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException")
                                            .errorMessage("injected throttle").build()).build();
                        }
                        Object result;
                        try {
                            result = method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                        if (on.get() && name.equals("transactWriteItems") && dice > 0.90) {
                            failedAfterWrite.incrementAndGet();
                            throw DynamoDbException.builder().statusCode(500).awsErrorDetails(AwsErrorDetails.builder()
                                    .errorCode("InternalServerError").errorMessage("injected after the write").build()).build();
                        }
                        return result;
                    });
        }
    }

    // what the customers of a test ended with: JUnit makes a new instance for each test, so each counts its own
    private final ConcurrentHashMap<String, String> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger gaveUp = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    /**
     * Every customer starts at once and tries up to 20 times with the same key, as the API tells them to: until the
     * request answers the id of what it created (accepted), or is refused (no retry), retrying on a DynamoDB error.
     */
    private void everyoneRetryingUntilAnswered(Map<String, Callable<String>> tries, Class<? extends RuntimeException> refusal)
            throws Exception {
        var customers = List.copyOf(tries.keySet());
        Race.of(customers.size()).run(i -> {
            var customer = customers.get(i);
            for (int attempt = 1; attempt <= 20; attempt++) {
                try {
                    accepted.put(customer, tries.get(customer).call());
                    return null;
                } catch (DynamoDbException e) {
                    retries.incrementAndGet(); // a 503/500 to the client, who retries with the same key
                } catch (RuntimeException e) {
                    if (!refusal.isInstance(e)) throw e;
                    refused.incrementAndGet();
                    return null;
                }
            }
            gaveUp.incrementAndGet();
            return null;
        });
    }

    @Test
    void throttlingAndFailuresAfterTheWriteNeverLoseOrDuplicateAReservation() throws Exception {
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var faults = new Faults();
            var backend = new TestBackend(faults.around(dynamo.client()));
            var sku = backend.catalog.products().get(0).sku();
            var store = backend.catalog.stores().get(0).id();
            int units = 40;
            backend.stock(sku, store, units);
            faults.on.set(true);

            int customers = 30;
            var tries = new LinkedHashMap<String, Callable<String>>();
            for (int i = 0; i < customers; i++) {
                var customer = Actor.customer("cust-fault-" + i);
                var quantity = 1 + i % 2;
                tries.put(customer.id(), () -> backend.reserve(customer,
                        new ReservationRequest(sku, store, quantity), "key-" + customer.id()).reservation().id());
            }
            everyoneRetryingUntilAnswered(tries, InsufficientStock.class);
            faults.on.set(false);

            assertThat(faults.throttled.get()).as("faults injected").isPositive();
            assertThat(faults.failedAfterWrite.get()).as("writes that succeeded but answered 500").isPositive();
            assertThat(gaveUp.get()).isZero();
            int held = 0;
            for (int i = 0; i < customers; i++) {
                var customer = Actor.customer("cust-fault-" + i);
                var mine = backend.reservationService.mine(customer, null).items().stream()
                        .filter(r -> r.status() == ReservationStatus.HELD).toList();
                if (accepted.containsKey(customer.id())) {
                    assertThat(mine).as(customer.id()).hasSize(1);
                    assertThat(mine.get(0).id()).isEqualTo(accepted.get(customer.id()));
                    held += mine.get(0).quantity();
                } else {
                    assertThat(mine).as(customer.id() + " was refused, holds nothing").isEmpty();
                }
            }
            var level = backend.rawStock(sku, store);
            assertThat(Integer.parseInt(level.get("reserved").n())).as("reserved units = units of accepted holds").isEqualTo(held);
            assertThat(Integer.parseInt(level.get("onHand").n())).isEqualTo(units);
            assertThat(accepted.size() + refused.get()).isEqualTo(customers);
            System.out.printf("dynamo faults: %d customers, %d accepted, %d refused for stock, %d throttles and %d "
                            + "failures-after-write injected, %d client retries%n", customers, accepted.size(), refused.get(),
                    faults.throttled.get(), faults.failedAfterWrite.get(), retries.get());
        }
    }

    @Test
    void throttlingAndFailuresAfterTheWriteNeverLoseOrDuplicateAnOrder() throws Exception {
        try (var dynamo = DynamoDbLocal.inMemory()) {
            var faults = new Faults();
            var client = faults.around(dynamo.client());
            var backend = new TestBackend(client);
            var orders = new com.omnicanal.order.dynamo.DynamoOrders(client, backend.tables);
            var service = com.omnicanal.order.ClickAndCollect.of(backend.catalog, backend.ledger, orders,
                    new com.omnicanal.order.payments.RecordingPayments(backend.clock), com.omnicanal.order.OrderPolicy.DEFAULT,
                    backend.clock);
            var sku = "TSH-COT-BLU-M";
            var store = "paris-rivoli";
            int units = 25;
            backend.stock(sku, store, units);
            faults.on.set(true);

            int customers = 20;
            var tries = new LinkedHashMap<String, Callable<String>>();
            for (int i = 0; i < customers; i++) {
                var customer = Actor.customer("cust-order-fault-" + i);
                var request = new com.omnicanal.order.OrderRequest(
                        java.util.List.of(new com.omnicanal.order.OrderRequest.LineRequest(sku, 1 + i % 2)), store,
                        new com.omnicanal.order.Order.Contact("Client " + i, "client" + i + "@example.org", null), "pa_fault_" + i);
                tries.put(customer.id(), () -> {
                    var order = new com.omnicanal.order.PlacingOrders.PlaceOrder(customer, request);
                    return service.placing().place(order, Keys.order(order, "key-" + customer.id())).order().id();
                });
            }
            // refused: no store has the units
            everyoneRetryingUntilAnswered(tries, com.omnicanal.shared.DomainException.InvalidState.class);
            faults.on.set(false);

            assertThat(faults.throttled.get() + faults.failedAfterWrite.get()).as("faults injected").isPositive();
            assertThat(gaveUp.get()).isZero();
            assertThat(accepted.size() + refused.get()).isEqualTo(customers);
            for (int i = 0; i < customers; i++) {
                var id = "cust-order-fault-" + i;
                if (!accepted.containsKey(id)) {
                    assertThat(service.following().mine(Actor.customer(id), null).items()).as(id + " was refused, has no order").isEmpty();
                }
            }
            int held = 0;
            for (var e : accepted.entrySet()) {
                var mine = service.following().mine(Actor.customer(e.getKey()), null).items();
                assertThat(mine).as(e.getKey()).hasSize(1);
                assertThat(mine.get(0).id()).isEqualTo(e.getValue());
                if (mine.get(0).status() == com.omnicanal.order.OrderStatus.PLACED) {
                    held += mine.get(0).lines().stream().mapToInt(com.omnicanal.order.Order.Line::quantity).sum();
                }
            }
            var level = backend.rawStock(sku, store);
            assertThat(Integer.parseInt(level.get("reserved").n())).as("reserved units = units of placed orders").isEqualTo(held);
            assertThat(held).isLessThanOrEqualTo(units);
            System.out.printf("dynamo faults (orders): %d customers, %d orders each exactly once, %d refused, %d units held, %d throttles "
                            + "and %d failures-after-write injected, %d client retries%n", customers, accepted.size(), refused.get(), held,
                    faults.throttled.get(), faults.failedAfterWrite.get(), retries.get());
        }
    }
}
