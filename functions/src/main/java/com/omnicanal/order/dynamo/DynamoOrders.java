package com.omnicanal.order.dynamo;

import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.Cursors;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderStatus;
import com.omnicanal.order.Orders;
import com.omnicanal.order.Transfer;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.reward.dynamo.RewardItems;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import com.omnicanal.shared.RetailDay;
import com.omnicanal.stock.dynamo.StockWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Click-and-collect orders in the Orders table, next to reservations. The order itself is kept as JSON with its index
 * attributes beside it; every change is one TransactWriteItems with the stock of each line, the pickup code item,
 * the outbox messages, the payment command and the idempotency claim.
 */
public final class DynamoOrders implements Orders {
    private static final String PAYMENT_PENDING = PaymentWrites.PAYMENT_PENDING;

    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final StockWrites stock;

    public DynamoOrders(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.stock = new StockWrites(tables);
    }

    @Override
    public Outcome apply(Change change) {
        var order = change.next();
        var actions = new ArrayList<TransactWriteItem>();
        var values = new HashMap<String, AttributeValue>();
        String condition;
        if (change.expected() == null) {
            condition = "attribute_not_exists(id)";
        } else {
            // still the customer it was read with: a change read before a merge or an erasure moved it cannot undo that
            condition = "#s = :expected AND customerId = :customer";
            values.put(":expected", s(change.expected().name()));
            values.put(":customer", s(order.customerId()));
            if (change.expected() == OrderStatus.READY && order.status() == OrderStatus.READY) {
                // the tries at the code are counted in place: a change read before a try must not write an older count
                condition += " AND wrongCodes = :tries";
                values.put(":tries", n(order.wrongCodes()));
            }
            if (change.reminder() != null) {
                condition += " AND NOT contains(reminders, :r)";
                values.put(":r", s(change.reminder()));
            }
            if (change.expected() != OrderStatus.AWAITING_CUSTOMER) {
                // lines where they were read: a transfer sent or received meanwhile is not undone by an older copy
                condition += " AND (attribute_not_exists(placement) OR placement = :placement)";
                values.put(":placement", s(change.refused() == null ? OrderItem.placement(order) : placementBefore(order, change.refused())));
            }
        }
        var put = Put.builder().tableName(tables.orders()).item(OrderItem.of(order)).conditionExpression(condition);
        if (change.expected() != null) put.expressionAttributeNames(Map.of("#s", "status"));
        if (!values.isEmpty()) put.expressionAttributeValues(values);
        actions.add(TransactWriteItem.builder().put(put.build()).build());
        // the SKU each stock action is for, by action index, to name the line a refused hold was short of
        var lineActions = new HashMap<Integer, String>();
        var refused = change.refused();
        var refuser = refused == null ? null : refused.fromLocation();
        if (change.stock() != Orders.StockEffect.NONE) {
            for (var line : order.lines()) {
                // units in transit are held nowhere: the transfer's receipt decides where they go
                if (Order.IN_TRANSIT.equals(line.heldAt())) continue;
                // a refused transfer's units are released with it, below
                if (line.heldAt().equals(refuser)) continue;
                lineActions.put(actions.size(), line.sku());
                actions.add(stock(change, line));
            }
        }
        var capacityActions = new java.util.HashSet<Integer>();
        for (var transfer : change.transfers()) {
            actions.add(TransferItem.create(tables.orders(), transfer));
            if (change.stock() == Orders.StockEffect.NONE) {
                // routed again after a refusal: the new source holds the transfer's lines, keeping its safety stock
                for (var line : transfer.lines()) {
                    lineActions.put(actions.size(), line.sku());
                    actions.add(stock.holdKeeping(line.sku(), transfer.fromLocation(), line.quantity(), transfer.safetyStock()));
                }
            }
            // counted as a shipment is: against the source's day's capacity, and as offered to it this month
            var day = RetailDay.of(transfer.createdAt());
            capacityActions.add(actions.size());
            actions.add(PlaceLoads.dayCount(tables, transfer.fromLocation(), day, transfer.dailyCapacity()));
            actions.add(PlaceLoads.monthCount(tables, transfer.fromLocation(), day, PlaceLoads.OFFERED));
        }
        int refusedAction = -1;
        if (refused != null) {
            refusedAction = actions.size();
            actions.add(TransferItem.replace(tables.orders(), refused, Transfer.Status.REQUESTED));
            for (var line : refused.lines()) actions.add(stock.release(line.sku(), refuser, line.quantity()));
            // a refusal is a rejection: the rate routing ranks places by
            actions.add(PlaceLoads.monthCount(tables, refuser, RetailDay.of(refused.updatedAt()), PlaceLoads.REJECTED));
        }
        if (change.stock() == Orders.StockEffect.RELEASE) {
            // units still held at a source were never sent: that transfer is cancelled with the order
            order.lines().stream().map(Order.Line::heldAt)
                    .filter(place -> !place.equals(order.pickupStoreId()) && !Order.IN_TRANSIT.equals(place))
                    .filter(place -> !place.equals(refuser)).distinct()
                    .forEach(source -> actions.add(TransferItem.cancel(tables.orders(), Transfer.idOf(order.id(), source))));
        }
        int codeAction = -1;
        if (change.claimCode() != null) {
            codeAction = actions.size();
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders())
                    .item(Map.of("id", s(codeKey(order.pickupStoreId(), change.claimCode())), "type", s("PICKUP_CODE"),
                            "orderId", s(order.id())))
                    .conditionExpression("attribute_not_exists(id)").build()).build());
        }
        if (change.releaseCode() != null && !change.releaseCode().equals(change.claimCode())) {
            actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.orders())
                    .key(Map.of("id", s(codeKey(order.pickupStoreId(), change.releaseCode())))).build()).build());
        }
        change.messages().forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        if (change.event() != null) actions.add(OutboxItems.event(tables.outbox(), change.event()));
        if (change.payment() != null) actions.add(payment(change.payment(), order.updatedAt()));
        int rewardAction = -1;
        if (change.redeemsReward() != null) {
            rewardAction = actions.size();
            actions.add(RewardItems.redeemFor(tables.feedback(), change.redeemsReward(), order.customerId(), order.id(),
                    order.updatedAt()));
        } else if (change.givesBackReward() != null) {
            rewardAction = actions.size();
            actions.add(RewardItems.giveBack(tables.feedback(), change.givesBackReward(), order.id()));
        }
        int notErased = -1;
        if (change.expected() == null) {
            // a new order under an erased customer's id is refused, even one already on its way when the erasure began
            notErased = actions.size();
            actions.add(ErasureMarks.notErased(tables.customers(), order.customerId()));
        }
        int idempotencyAction = -1;
        if (change.idempotency() != null) {
            idempotencyAction = actions.size();
            var claim = change.idempotency();
            actions.add(IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                    JsonDocuments.write(order)));
        }
        var outcome = transactions.write(() -> actions);
        if (outcome.committed()) return new Outcome.Applied();
        if (idempotencyAction >= 0 && outcome.failedCondition(idempotencyAction)) {
            var claim = change.idempotency();
            return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                    .<Outcome>map(stored -> new Outcome.Replayed(JsonDocuments.read(stored, Order.class))).orElseGet(Outcome.KeyReused::new);
        }
        if (notErased >= 0 && outcome.failedCondition(notErased)) return new Outcome.CustomerErased();
        if (outcome.failedCondition(0)) return new Outcome.Conflict();
        if (rewardAction >= 0 && outcome.failedCondition(rewardAction)) {
            return change.redeemsReward() != null ? new Outcome.RewardUsed() : new Outcome.Conflict();
        }
        for (var line : lineActions.entrySet()) {
            if (outcome.failedCondition(line.getKey())) return new Outcome.NotEnoughStock(line.getValue());
        }
        if (codeAction >= 0 && outcome.failedCondition(codeAction)) return new Outcome.CodeTaken();
        for (int capacity : capacityActions) if (outcome.failedCondition(capacity)) return new Outcome.AtCapacity();
        // the refused transfer left or was refused meanwhile
        if (refusedAction >= 0 && outcome.failedCondition(refusedAction)) return new Outcome.Conflict();
        throw new IllegalStateException("order " + order.id() + " change refused: " + outcome.reasons());
    }

    /** Where the lines were as read, before a refusal routed the refused transfer's lines elsewhere: at its source. */
    private static String placementBefore(Order order, Transfer refused) {
        return String.join(",", order.lines().stream().map(l -> refused.units(l.sku()) > 0
                && !l.heldAt().equals(order.pickupStoreId()) ? refused.fromLocation() : l.heldAt()).toList());
    }

    private TransactWriteItem stock(Change change, Order.Line line) {
        var transfer = change.transfers().stream().filter(t -> t.fromLocation().equals(line.heldAt())).findFirst();
        if (change.stock() == StockEffect.HOLD && transfer.isPresent()) {
            // a transfer's source keeps its safety stock, as routing promised it
            return stock.holdKeeping(line.sku(), line.heldAt(), line.quantity(), transfer.get().safetyStock());
        }
        return switch (change.stock()) {
            case HOLD -> stock.hold(line.sku(), line.heldAt(), line.quantity());
            case RELEASE -> stock.release(line.sku(), line.heldAt(), line.quantity());
            case SELL -> stock.sell(line.sku(), line.heldAt(), line.quantity());
            case NONE -> throw new IllegalArgumentException(change.stock().name());
        };
    }

    private TransactWriteItem payment(PaymentCommand command, Instant at) {
        return PaymentWrites.command(tables, command.orderId(), command.action(), command.authorization(),
                command.amountCents(), at);
    }

    @Override
    public Outcome earlier(com.omnicanal.shared.IdempotencyClaim claim) {
        if (!IdempotencyRecords.claimed(dynamo, tables.idempotency(), claim.key(), claim.claimedAt())) return null;
        return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                .<Outcome>map(stored -> new Outcome.Replayed(JsonDocuments.read(stored, Order.class)))
                .orElseGet(Outcome.KeyReused::new);
    }

    @Override
    public Optional<Order> find(String id) {
        var item = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true).key(Map.of("id", s(id)))).item();
        return Optional.ofNullable(item).filter(OrderItem::isOrder).map(OrderItem::read);
    }

    @Override
    public Optional<RewardCode> reward(String code) {
        return RewardItems.find(dynamo, tables.feedback(), code);
    }

    @Override
    public CodeTry countCodeTry(String orderId, int limit) {
        var key = Map.of("id", s(orderId));
        var names = Map.of("#s", "status");
        // a few rounds at most: a round only fails when another try or an unlock moved the count meanwhile
        for (int round = 0; round < 3; round++) {
            Map<String, AttributeValue> current;
            try {
                return new CodeTry.Counted(OrderItem.read(dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.orders())
                        .key(key).updateExpression("SET wrongCodes = wrongCodes + :one")
                        .conditionExpression("#s = :ready AND wrongCodes < :last").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":one", n(1), ":ready", s(OrderStatus.READY.name()),
                                ":last", n(limit - 1L)))
                        .returnValues(ReturnValue.ALL_NEW)
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                        .attributes()));
            } catch (ConditionalCheckFailedException notBelowTheLastTry) {
                current = notBelowTheLastTry.hasItem() ? notBelowTheLastTry.item() : null;
            }
            // DynamoDB Local sometimes leaves the old image out of a condition failure under contention: read it
            if (current == null || current.isEmpty()) {
                current = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true).key(key)).item();
            }
            if (!OrderItem.isOrder(current)) throw new IllegalStateException("no order " + orderId);
            if (!OrderStatus.READY.name().equals(OrderItem.text(current, "status"))
                    || Long.parseLong(current.get("wrongCodes").n()) != limit - 1L) {
                return new CodeTry.Refused(OrderItem.read(current));
            }
            try {
                // the last try is counted and locks the order in the same write, whatever the code turns out to be
                return new CodeTry.Counted(OrderItem.read(dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.orders())
                        .key(key).updateExpression("SET wrongCodes = :limit, locked = :yes")
                        .conditionExpression("#s = :ready AND wrongCodes = :last").expressionAttributeNames(names)
                        .expressionAttributeValues(Map.of(":limit", n(limit), ":yes", AttributeValue.fromBool(true),
                                ":ready", s(OrderStatus.READY.name()), ":last", n(limit - 1L)))
                        .returnValues(ReturnValue.ALL_NEW).build()).attributes()));
            } catch (ConditionalCheckFailedException lastTryTakenOrUnlocked) {
                // read the count again
            }
        }
        return new CodeTry.Refused(find(orderId).orElseThrow());
    }

    @Override
    public boolean unlock(Order order) {
        return update(order.id(), "SET wrongCodes = :zero, locked = :no", "#s = :ready",
                Map.of(":zero", n(0), ":no", AttributeValue.fromBool(false), ":ready", s(OrderStatus.READY.name())));
    }

    @Override
    public Page<Order> byCustomer(String customerId, String cursor, int limit) {
        return page(QueryRequest.builder().indexName(TableDefinitions.ORDERS_BY_CUSTOMER)
                .keyConditionExpression("customerId = :p").filterExpression("#t = :type")
                .expressionAttributeNames(Map.of("#t", "type"))
                .expressionAttributeValues(Map.of(":p", s(customerId), ":type", s(OrderItem.TYPE)))
                .scanIndexForward(false), "customerId", customerId, cursor, limit);
    }

    @Override
    public Page<Order> byStore(String storeId, Optional<OrderStatus> status, String cursor, int limit) {
        var prefix = OrderItem.TYPE + "#" + status.map(s -> s.name() + "#").orElse("");
        return page(QueryRequest.builder().indexName(TableDefinitions.ORDERS_BY_STORE)
                .keyConditionExpression("storeId = :p AND begins_with(storeStatusKey, :prefix)")
                .expressionAttributeValues(Map.of(":p", s(storeId), ":prefix", s(prefix))), "storeId", storeId, cursor, limit);
    }

    @Override
    public List<Order> ready(int limit) {
        var items = dynamo.query(QueryRequest.builder().tableName(tables.orders())
                .indexName(TableDefinitions.ORDERS_OPEN_BY_EXPIRY).keyConditionExpression("openStatus = :r")
                .expressionAttributeValues(Map.of(":r", s(OrderStatus.READY.name()))).limit(limit).build()).items();
        return items.stream().filter(OrderItem::isOrder).map(OrderItem::read).toList();
    }

    @Override
    public List<PaymentCommand> pendingPayments(int limit) {
        var items = dynamo.query(QueryRequest.builder().tableName(tables.orders())
                .indexName(TableDefinitions.ORDERS_OPEN_BY_EXPIRY).keyConditionExpression("openStatus = :p")
                .expressionAttributeValues(Map.of(":p", s(PAYMENT_PENDING))).limit(limit).build()).items();
        return items.stream().map(i -> new PaymentCommand(i.get("orderId").s(), i.get("action").s(),
                i.get("authorization").s(), Integer.parseInt(i.get("amountCents").n()))).toList();
    }

    @Override
    public void paymentDone(PaymentCommand command, Instant at) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.orders())
                    .key(Map.of("id", s("PAYMENT#" + command.orderId() + "#" + command.action())))
                    .updateExpression("SET doneAt = :now REMOVE openStatus").conditionExpression("attribute_exists(openStatus)")
                    .expressionAttributeValues(Map.of(":now", s(Instants.format(at)))).build());
        } catch (ConditionalCheckFailedException alreadyDone) {
            // another sweep finished it
        }
    }

    private Page<Order> page(QueryRequest.Builder query, String partition, String value, String cursor, int limit) {
        Map<String, AttributeValue> start;
        try {
            start = Cursors.decode(cursor, partition, value);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
        var response = dynamo.query(query.tableName(tables.orders()).exclusiveStartKey(start).limit(limit).build());
        return new Page<>(response.items().stream().map(OrderItem::read).toList(),
                response.hasLastEvaluatedKey() ? Cursors.encode(response.lastEvaluatedKey()) : null);
    }

    private boolean update(String id, String expression, String condition, Map<String, AttributeValue> values) {
        try {
            dynamo.updateItem(UpdateItemRequest.builder().tableName(tables.orders()).key(Map.of("id", s(id)))
                    .updateExpression(expression).conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values).build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static String codeKey(String storeId, String code) {
        return "PICKUP#" + storeId + "#" + code;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
