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
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.omnicanal.stock.dynamo.StockItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Reservations on DynamoDB: every state change is one TransactWriteItems with the stock and the outbox. */
public final class DynamoReservations implements Reservations {
    private static final int STOCK = 0;
    private static final int IDEMPOTENCY = 3;
    private static final int NOT_ERASED = 4;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final DynamoDbTable<ReservationItem> orders;

    public DynamoReservations(DynamoDbClient dynamo, DynamoDbEnhancedClient enhanced, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.orders = enhanced.table(tables.orders(), ReservationItem.SCHEMA);
    }

    @Override
    public HoldResult hold(Reservation reservation, OutboxMessage confirmation, IdempotencyClaim claim) {
        var item = ReservationItem.SCHEMA.itemToMap(ReservationItem.of(reservation), true);
        var outcome = transactions.write(() -> List.of(
                // STOCK: conditional hold, never read-then-write
                TransactWriteItem.builder().update(Update.builder().tableName(tables.stock())
                        .key(StockItem.key(reservation.sku(), reservation.storeId()))
                        .updateExpression("SET reserved = reserved + :q, available = available - :q")
                        .conditionExpression("available >= :q")
                        .expressionAttributeValues(Map.of(":q", number(reservation.quantity())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder().tableName(tables.orders()).item(item)
                        .conditionExpression("attribute_not_exists(id)").build()).build(),
                OutboxItems.put(tables.outbox(), confirmation),
                // IDEMPOTENCY: the claim commits with the reservation or not at all
                IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                        AttributeValue.fromM(item)),
                // NOT_ERASED: a hold for an erased customer is refused, even one on its way when the erasure began
                ErasureMarks.notErased(tables.customers(), reservation.customerId())));
        if (outcome.committed()) return new HoldResult.Held(reservation);
        if (outcome.failedCondition(NOT_ERASED)) return new HoldResult.CustomerErased();
        if (outcome.failedCondition(IDEMPOTENCY)) return replay(claim);
        if (outcome.failedCondition(STOCK)) {
            var old = outcome.reasons().get(STOCK).item();
            int available = old == null || !old.containsKey("available") ? 0 : Integer.parseInt(old.get("available").n());
            return new HoldResult.NotEnoughStock(available);
        }
        throw new IllegalStateException("reservation " + reservation.id() + " was refused: " + outcome.reasons());
    }

    private HoldResult replay(IdempotencyClaim claim) {
        return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                .<HoldResult>map(stored -> new HoldResult.Replayed(
                        ReservationItem.SCHEMA.mapToItem(stored.m()).toReservation()))
                .orElseGet(HoldResult.KeyReused::new);
    }

    @Override
    public Optional<Reservation> find(String id) {
        var item = orders.getItem(r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true));
        return Optional.ofNullable(item).filter(i -> ReservationItem.TYPE.equals(i.getType()))
                .map(ReservationItem::toReservation);
    }

    @Override
    public boolean release(Reservation released, Optional<OutboxMessage> notice) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(closeReservation(released));
        actions.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.stock())
                .key(StockItem.key(released.sku(), released.storeId()))
                .updateExpression("SET reserved = reserved - :q, available = available + :q")
                .conditionExpression("reserved >= :q")
                .expressionAttributeValues(Map.of(":q", number(released.quantity())))
                .build()).build());
        notice.ifPresent(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        return transactions.write(() -> actions).committed();
    }

    @Override
    public boolean complete(Reservation completed) {
        return transactions.write(() -> List.of(
                closeReservation(completed),
                // sold: the held units leave the shelf
                TransactWriteItem.builder().update(Update.builder().tableName(tables.stock())
                        .key(StockItem.key(completed.sku(), completed.storeId()))
                        .updateExpression("SET onHand = onHand - :q, reserved = reserved - :q")
                        .conditionExpression("reserved >= :q")
                        .expressionAttributeValues(Map.of(":q", number(completed.quantity())))
                        .build()).build())).committed();
    }

    /**
     * Moves a held reservation to its final state; fails if it is no longer held, or no longer the customer's it was
     * read as (its notice would otherwise go out under an id a merge or an erasure has moved it from).
     */
    private TransactWriteItem closeReservation(Reservation next) {
        return TransactWriteItem.builder().update(Update.builder().tableName(tables.orders())
                .key(Map.of("id", AttributeValue.fromS(next.id())))
                .updateExpression("SET #status = :next, updatedAt = :now, storeStatusKey = :ssk REMOVE openStatus")
                .conditionExpression("#status = :held AND customerId = :customer")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":next", AttributeValue.fromS(next.status().name()),
                        ":now", AttributeValue.fromS(Instants.format(next.updatedAt())),
                        ":ssk", AttributeValue.fromS(ReservationItem.storeStatusKey(next)),
                        ":held", AttributeValue.fromS(ReservationStatus.HELD.name()),
                        ":customer", AttributeValue.fromS(next.customerId())))
                .build()).build();
    }

    @Override
    public Page<Reservation> byCustomer(String customerId, String cursor, int limit) {
        var index = orders.index(TableDefinitions.ORDERS_BY_CUSTOMER);
        return page(index, QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(Key.builder().partitionValue(customerId).build()))
                // the customer's orders share the index: keep reservations only
                .filterExpression(software.amazon.awssdk.enhanced.dynamodb.Expression.builder().expression("#t = :t")
                        .putExpressionName("#t", "type").putExpressionValue(":t", AttributeValue.fromS(ReservationItem.TYPE))
                        .build())
                .scanIndexForward(false)
                .exclusiveStartKey(startKey(cursor, "customerId", customerId))
                .limit(limit).build());
    }

    @Override
    public Page<Reservation> byStore(String storeId, Optional<ReservationStatus> status, String cursor, int limit) {
        var index = orders.index(TableDefinitions.ORDERS_BY_STORE);
        var conditional = status
                .map(s -> ReservationItem.TYPE + "#" + s.name() + "#")
                .map(prefix -> QueryConditional.sortBeginsWith(Key.builder().partitionValue(storeId).sortValue(prefix).build()))
                .orElse(QueryConditional.sortBeginsWith(Key.builder().partitionValue(storeId)
                        .sortValue(ReservationItem.TYPE + "#").build()));
        return page(index, QueryEnhancedRequest.builder().queryConditional(conditional)
                .exclusiveStartKey(startKey(cursor, "storeId", storeId))
                .limit(limit).build());
    }

    @Override
    public List<Reservation> expiredHolds(Instant now, int limit) {
        var index = orders.index(TableDefinitions.ORDERS_OPEN_BY_EXPIRY);
        var page = index.query(QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.sortLessThanOrEqualTo(Key.builder()
                        .partitionValue(ReservationStatus.HELD.name()).sortValue(Instants.format(now)).build()))
                .limit(limit).build()).iterator().next();
        return page.items().stream().map(ReservationItem::toReservation).toList();
    }

    private static Page<Reservation> page(DynamoDbIndex<ReservationItem> index, QueryEnhancedRequest request) {
        var page = index.query(request).iterator().next();
        return new Page<>(page.items().stream().map(ReservationItem::toReservation).toList(),
                Cursors.encode(page.lastEvaluatedKey()));
    }

    private static Map<String, AttributeValue> startKey(String cursor, String partition, String value) {
        try {
            return Cursors.decode(cursor, partition, value);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
    }

    private static AttributeValue number(long n) {
        return AttributeValue.fromN(Long.toString(n));
    }
}
