package com.omnicanal.order.dynamo;

import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.order.Order;
import com.omnicanal.order.Transfer;
import com.omnicanal.order.Transfers;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.stock.dynamo.StockWrites;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Transfers in the Orders table, each move one TransactWriteItems with its order and the stock of both places. */
public final class DynamoTransfers implements Transfers {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final Transactions transactions;
    private final StockWrites stock;

    public DynamoTransfers(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.transactions = new Transactions(dynamo);
        this.stock = new StockWrites(tables);
    }

    @Override
    public Optional<Transfer> find(String id) {
        var item = dynamo.getItem(r -> r.tableName(tables.orders()).consistentRead(true)
                .key(Map.of("id", AttributeValue.fromS(TransferItem.key(id))))).item();
        return Optional.ofNullable(item).filter(TransferItem::isTransfer).map(TransferItem::read);
    }

    @Override
    public List<Transfer> queue(String location, Transfer.Status status, int limit) {
        var items = dynamo.query(QueryRequest.builder().tableName(tables.orders()).indexName(TableDefinitions.ORDERS_BY_STORE)
                .keyConditionExpression("storeId = :p AND begins_with(storeStatusKey, :prefix)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(location),
                        ":prefix", AttributeValue.fromS(TransferItem.TYPE + "#" + status.name() + "#")))
                .limit(limit).build()).items();
        return items.stream().filter(TransferItem::isTransfer).map(TransferItem::read).toList();
    }

    @Override
    public List<Transfer> ofOrder(String orderId, java.util.Collection<String> places) {
        var keys = places.stream().distinct().map(p -> Map.of("id", AttributeValue.fromS(TransferItem.key(Transfer.idOf(orderId, p)))))
                .toList();
        var found = new ArrayList<Transfer>();
        for (int from = 0; from < keys.size(); from += 100) {
            Map<String, KeysAndAttributes> request = Map.of(tables.orders(), KeysAndAttributes.builder().consistentRead(true)
                    .keys(keys.subList(from, Math.min(keys.size(), from + 100))).build());
            while (request != null && !request.isEmpty()) {
                var pending = request;
                var response = dynamo.batchGetItem(r -> r.requestItems(pending));
                response.responses().getOrDefault(tables.orders(), List.of()).stream().filter(TransferItem::isTransfer)
                        .map(TransferItem::read).forEach(found::add);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : null;
            }
        }
        found.sort(java.util.Comparator.comparing(Transfer::id));
        return found;
    }

    @Override
    public boolean move(Transfer next, Transfer.Status expected, Order before, Order after, List<OutboxMessage> messages) {
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(TransferItem.replace(tables.orders(), next, expected));
        if (after != null) {
            var values = new HashMap<String, AttributeValue>();
            values.put(":expected", AttributeValue.fromS(before.status().name()));
            values.put(":placement", AttributeValue.fromS(OrderItem.placement(before)));
            values.put(":customer", AttributeValue.fromS(before.customerId()));
            // and still its customer's as read: a move read before a merge or an erasure does not write the person back
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.orders()).item(OrderItem.of(after))
                    .conditionExpression("#s = :expected AND placement = :placement AND customerId = :customer")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values).build()).build());
        }
        for (var line : next.lines()) {
            if (next.status() == Transfer.Status.DISPATCHED) {
                actions.add(stock.sell(line.sku(), next.fromLocation(), line.quantity()));
                actions.add(stock.sendInTransit(line.sku(), next.toStoreId(), line.quantity()));
            } else if (next.status() == Transfer.Status.RECEIVED) {
                actions.add(stock.receiveFromTransit(line.sku(), next.toStoreId(), line.quantity(), after != null));
            } else {
                throw new IllegalArgumentException("a transfer moves when sent or received, not to " + next.status());
            }
        }
        messages.forEach(m -> actions.add(OutboxItems.put(tables.outbox(), m)));
        return transactions.write(() -> actions).committed();
    }
}
