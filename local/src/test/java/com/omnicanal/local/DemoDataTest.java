package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.customer.dynamo.CustomerKeys;
import com.omnicanal.dynamodblocal.DynamoDbLocal;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.stock.dynamo.StockItem;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The demo data goes into a database once, whole, and never over what was changed in it since. */
class DemoDataTest {
    private DynamoDbLocal dynamo;
    private final DemoData demo = new DemoData();

    @BeforeEach
    void start() {
        dynamo = DynamoDbLocal.inMemory();
    }

    @AfterEach
    void stop() {
        dynamo.close();
    }

    @Test
    void aDatabaseAlreadyLoadedKeepsWhatWasChangedInIt() {
        assertThat(demo.loadInto(dynamo.client(), dynamo.tables())).isTrue();
        var line = demo.stock.get(0);
        put(line.sku(), line.location(), line.onHand() + 42);

        assertThat(demo.loadInto(dynamo.client(), dynamo.tables())).isFalse();

        assertThat(onHand(line.sku(), line.location())).isEqualTo(line.onHand() + 42);
    }

    @Test
    void aLoadCutShortByAKillIsCompletedOnTheNextStart() {
        // what a start killed after writing its first stock lines leaves behind
        var line = demo.stock.get(0);
        put(line.sku(), line.location(), line.onHand());

        assertThat(demo.loadInto(dynamo.client(), dynamo.tables())).isTrue();

        var customer = demo.customers.get(0);
        var profile = dynamo.client().getItem(r -> r.tableName(dynamo.tables().customers()).key(Map.of(
                "pk", AttributeValue.fromS(CustomerKeys.customerKey(customer.id())),
                "sk", AttributeValue.fromS("PROFILE"))));
        assertThat(profile.hasItem()).isTrue();
        var last = demo.stock.get(demo.stock.size() - 1);
        assertThat(onHand(last.sku(), last.location())).isEqualTo(last.onHand());
    }

    private void put(String sku, String location, int onHand) {
        dynamo.client().putItem(r -> r.tableName(dynamo.tables().stock())
                .item(StockItem.of(new StockLevel(sku, location, onHand, 0))));
    }

    private int onHand(String sku, String location) {
        var item = dynamo.client().getItem(r -> r.tableName(dynamo.tables().stock())
                .key(StockItem.key(sku, location))).item();
        return StockItem.read(item).onHand();
    }
}
