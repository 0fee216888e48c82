package com.omnicanal.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.TestBackend;
import com.omnicanal.reservation.dynamo.ExpiryShards;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A reservation's item in the Orders table, attribute by attribute, as items already stored carry it: written so, and
 * read back from it (by id, per customer, per store, among the expired holds). Customer history and erasure read the
 * same attributes.
 */
class ReservationItemFormatTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private TestBackend backend;

    @BeforeEach
    void freshTables() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
    }

    @Test
    void aHeldReservationIsStoredWithTheAttributesStoredItemsCarry() {
        var held = heldForCamille();

        assertThat(raw(held.id())).isEqualTo(item(held.id(), "cust-camille", held.sku(), held.productName(),
                held.storeId(), held.storeName(), "HELD", "2026-11-23T09:00:00.000Z", "2026-11-25T09:00:00.000Z",
                "2026-11-23T09:00:00.000Z"));
    }

    @Test
    void aClosedReservationLeavesTheExpiryIndexAndKeepsItsOtherAttributes() {
        var held = heldForCamille();
        backend.clock.advance(Duration.ofMinutes(5));

        backend.reservationService.cancel(Actor.customer("cust-camille"), held.id());

        assertThat(raw(held.id())).isEqualTo(item(held.id(), "cust-camille", held.sku(), held.productName(),
                held.storeId(), held.storeName(), "CANCELLED", "2026-11-23T09:00:00.000Z", "2026-11-25T09:00:00.000Z",
                "2026-11-23T09:05:00.000Z"));
    }

    @Test
    void aReservationStoredEarlierIsReadBackEverywhere() {
        var stored = item("res-stored-1", "cust-hugo", "TSH-COT-BLU-M", "T-shirt coton bleu", "paris-rivoli",
                "Paris Rivoli", "HELD", "2026-11-20T10:00:00.000Z", "2026-11-22T10:00:00.000Z", "2026-11-20T10:00:00.000Z");
        backend.dynamo.putItem(r -> r.tableName(backend.tables.orders()).item(stored));
        var expected = new Reservation("res-stored-1", "cust-hugo", "TSH-COT-BLU-M", "T-shirt coton bleu", "paris-rivoli",
                "Paris Rivoli", 2, ReservationStatus.HELD, Instant.parse("2026-11-20T10:00:00Z"),
                Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"));

        assertThat(backend.reservations.find("res-stored-1")).contains(expected);
        assertThat(backend.reservations.byCustomer("cust-hugo", null, 10).items()).containsExactly(expected);
        assertThat(backend.reservations.byStore("paris-rivoli", Optional.of(ReservationStatus.HELD), null, 10).items())
                .containsExactly(expected);
        // stored before the expiry shards, under openStatus HELD: still found by the sweeper
        assertThat(backend.reservations.expiredHolds(TestBackend.START, 10).toList()).containsExactly(expected);
    }

    /** Two units of the first product at the first store, reserved through the service at 09:00. */
    private Reservation heldForCamille() {
        var product = backend.catalog.products().get(0);
        var store = backend.catalog.stores().get(0);
        backend.stock(product.sku(), store.id(), 3);
        var held = backend.reserve(Actor.customer("cust-camille"),
                new ReservationRequest(product.sku(), store.id(), 2), "key-1").reservation();
        assertThat(held.productName()).isEqualTo(product.name());
        assertThat(held.storeName()).isEqualTo(store.name());
        return held;
    }

    /** A reservation of 2 units, as the Orders table holds it; openStatus only while held (the expiry index). */
    private static Map<String, AttributeValue> item(String id, String customer, String sku, String productName,
                                                    String store, String storeName, String status, String createdAt,
                                                    String expiresAt, String updatedAt) {
        var item = new HashMap<String, AttributeValue>();
        item.put("id", s(id));
        item.put("type", s("RESERVATION"));
        item.put("customerId", s(customer));
        item.put("createdAt", s(createdAt));
        item.put("storeId", s(store));
        item.put("storeStatusKey", s("RESERVATION#" + status + "#" + createdAt + "#" + id));
        // written before the expiry shards: HELD; since, HELD#0 to HELD#7 by the id
        if (status.equals("HELD")) item.put("openStatus", s(id.startsWith("res-stored") ? "HELD" : ExpiryShards.of(id)));
        item.put("expiresAt", s(expiresAt));
        item.put("sku", s(sku));
        item.put("productName", s(productName));
        item.put("storeName", s(storeName));
        item.put("quantity", AttributeValue.fromN("2"));
        item.put("status", s(status));
        item.put("updatedAt", s(updatedAt));
        return item;
    }

    private Map<String, AttributeValue> raw(String id) {
        return backend.dynamo.getItem(r -> r.tableName(backend.tables.orders()).key(Map.of("id", s(id)))
                .consistentRead(true)).item();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
