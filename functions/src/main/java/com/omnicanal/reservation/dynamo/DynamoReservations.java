package com.omnicanal.reservation.dynamo;

import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Cursors;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.reservation.Reservations;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.dynamo.StockWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** Reservations on DynamoDB: every state change is one TransactWriteItems with the stock and the outbox. */
public final class DynamoReservations implements Reservations {
    private static final int STOCK = 0;
    private static final int IDEMPOTENCY = 3;
    private static final int NOT_ERASED = 4;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final ReservationWrites holds;

    public DynamoReservations(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.holds = new ReservationWrites(tables);
    }

    @Override
    public HoldResult hold(Reservation reservation, OutboxMessage confirmation, IdempotencyClaim claim,
                           BusinessEvent.ReservationHeld held) {
        // STOCK: conditional hold, never read-then-write, then the reservation
        var actions = new ArrayList<>(holds.hold(reservation));
        actions.add(OutboxItems.put(tables.outbox(), confirmation));
        // IDEMPOTENCY: the claim commits with the reservation or not at all
        actions.add(IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                AttributeValue.fromM(ReservationItem.of(reservation))));
        // NOT_ERASED: a hold for an erased customer is refused, even one on its way when the erasure began
        actions.add(ErasureMarks.notErased(tables.customers(), reservation.customerId()));
        actions.add(OutboxItems.event(tables.outbox(), held));
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return new HoldResult.Held(reservation);
        if (outcome.failedCondition(NOT_ERASED)) return new HoldResult.CustomerErased();
        if (outcome.failedCondition(IDEMPOTENCY)) return replay(claim);
        if (outcome.failedCondition(STOCK)) {
            return new HoldResult.NotEnoughStock(StockWrites.availableBefore(outcome.reasons().get(STOCK)));
        }
        throw new IllegalStateException("reservation " + reservation.id() + " was refused: " + outcome.reasons());
    }

    private HoldResult replay(IdempotencyClaim claim) {
        return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                .<HoldResult>map(stored -> new HoldResult.Replayed(ReservationItem.read(stored.m())))
                .orElseGet(HoldResult.KeyReused::new);
    }

    @Override
    public Optional<Reservation> find(String id) {
        var item = dynamo.getItem(r -> r.tableName(tables.orders()).key(Map.of("id", AttributeValue.fromS(id)))
                .consistentRead(true)).item();
        return Optional.ofNullable(item).filter(ReservationItem::isReservation).map(ReservationItem::read);
    }

    @Override
    public boolean release(Reservation released, Optional<OutboxMessage> notice,
                           Optional<BusinessEvent.ReservationExpired> expired) {
        var actions = new ArrayList<>(holds.release(released));
        notice.ifPresent(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        expired.ifPresent(e -> actions.add(OutboxItems.event(tables.outbox(), e)));
        return transactions.write(() -> actions).committed();
    }

    @Override
    public boolean complete(Reservation completed, BusinessEvent.ReservationCompleted event) {
        var actions = new ArrayList<>(holds.sell(completed));
        actions.add(OutboxItems.event(tables.outbox(), event));
        return transactions.write(() -> actions).committed();
    }

    @Override
    public Page<Reservation> byCustomer(String customerId, String cursor, int limit) {
        // the customer's orders share the index: keep reservations only
        return page(QueryRequest.builder().indexName(TableDefinitions.ORDERS_BY_CUSTOMER)
                .keyConditionExpression("customerId = :p").filterExpression("#t = :type")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(customerId),
                        ":type", AttributeValue.fromS(ReservationItem.TYPE)))
                .scanIndexForward(false)
                .exclusiveStartKey(startKey(cursor, "customerId", customerId)).limit(limit));
    }

    @Override
    public Page<Reservation> byStore(String storeId, Optional<ReservationStatus> status, String cursor, int limit) {
        var prefix = ReservationItem.TYPE + "#" + status.map(s -> s.name() + "#").orElse("");
        return page(QueryRequest.builder().indexName(TableDefinitions.ORDERS_BY_STORE)
                .keyConditionExpression("storeId = :p AND begins_with(storeStatusKey, :prefix)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(storeId), ":prefix", AttributeValue.fromS(prefix)))
                .exclusiveStartKey(startKey(cursor, "storeId", storeId)).limit(limit));
    }

    /** Each expiry shard in turn, a page at a time as the stream is read (the SDK's paginator follows LastEvaluatedKey). */
    @Override
    public Stream<Reservation> expiredHolds(Instant now, int pageSize) {
        var shards = ExpiryShards.all().iterator();
        var due = new Iterator<Map<String, AttributeValue>>() {
            private Iterator<Map<String, AttributeValue>> shard = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!shard.hasNext() && shards.hasNext()) shard = dueIn(shards.next(), now, pageSize);
                return shard.hasNext();
            }

            @Override
            public Map<String, AttributeValue> next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                return shard.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(due, Spliterator.ORDERED), false)
                .map(ReservationItem::read);
    }

    private Iterator<Map<String, AttributeValue>> dueIn(String shard, Instant now, int pageSize) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(tables.orders())
                        .indexName(TableDefinitions.ORDERS_OPEN_BY_EXPIRY)
                        .keyConditionExpression("openStatus = :held AND expiresAt <= :now")
                        .expressionAttributeValues(Map.of(":held", AttributeValue.fromS(shard),
                                ":now", AttributeValue.fromS(Instants.format(now))))
                        .limit(pageSize).build())
                .items().iterator();
    }

    private Page<Reservation> page(QueryRequest.Builder query) {
        var response = dynamo.query(query.tableName(tables.orders()).build());
        return new Page<>(response.items().stream().map(ReservationItem::read).toList(),
                Cursors.encode(response.lastEvaluatedKey()));
    }

    private static Map<String, AttributeValue> startKey(String cursor, String partition, String value) {
        try {
            return Cursors.decode(cursor, partition, value);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
    }
}
