package com.omnicanal.routing.dynamo;

import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.routing.RoutingRules;
import com.omnicanal.routing.RoutingRulesBook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The routing rules in the Orders table: each version an item {@code ROUTING_RULES#n}, and {@code ROUTING_RULES} the
 * one in force (a copy, so routing reads one item), moved only from the version it was read at.
 */
public final class DynamoRoutingRulesBook implements RoutingRulesBook {
    private static final String CURRENT = "ROUTING_RULES";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Transactions transactions;

    public DynamoRoutingRulesBook(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.orders();
        this.transactions = new Transactions(dynamo);
    }

    @Override
    public Optional<RoutingRules> current() {
        return read(CURRENT);
    }

    @Override
    public List<RoutingRules> versions() {
        var all = new ArrayList<RoutingRules>();
        int newest = current().map(RoutingRules::version).orElse(0);
        for (int v = 1; v <= newest; v++) read(CURRENT + "#" + v).ifPresent(all::add);
        return all;
    }

    @Override
    public boolean publish(RoutingRules next, int previousVersion) {
        var rules = JsonDocuments.write(next);
        var version = AttributeValue.fromN(Integer.toString(next.version()));
        var pointer = Put.builder().tableName(table)
                .item(Map.of("id", AttributeValue.fromS(CURRENT), "type", AttributeValue.fromS(CURRENT), "version", version,
                        "rules", rules));
        if (previousVersion == 0) pointer.conditionExpression("attribute_not_exists(id)");
        else pointer.conditionExpression("version = :previous")
                .expressionAttributeValues(Map.of(":previous", AttributeValue.fromN(Integer.toString(previousVersion))));
        var versionItem = Put.builder().tableName(table)
                .item(Map.of("id", AttributeValue.fromS(CURRENT + "#" + next.version()), "type", AttributeValue.fromS(CURRENT),
                        "version", version, "rules", rules))
                .conditionExpression("attribute_not_exists(id)").build();
        return transactions.write(() -> List.of(TransactWriteItem.builder().put(pointer.build()).build(),
                TransactWriteItem.builder().put(versionItem).build())).committed();
    }

    private Optional<RoutingRules> read(String id) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of("id", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(JsonDocuments.read(item.get("rules"), RoutingRules.class));
    }
}
