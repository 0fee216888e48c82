package com.omnicanal.appointment.dynamo;

import com.omnicanal.appointment.Advisor;
import com.omnicanal.appointment.AppointmentType;
import com.omnicanal.appointment.BookingSetup;
import com.omnicanal.appointment.Resource;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableNames;
import java.util.ArrayList;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** What can be booked at a store: one partition per store, an item per type, advisor and resource (JSON bodies). */
public final class DynamoBookingSetup implements BookingSetup {
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBookingSetup(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.appointments();
    }

    @Override
    public StoreSetup of(String storeId) {
        var types = new ArrayList<AppointmentType>();
        var advisors = new ArrayList<Advisor>();
        var resources = new ArrayList<Resource>();
        for (var page : dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", AppointmentItems.s(partition(storeId))))
                .build())) {
            for (var item : page.items()) {
                var sk = item.get("sk").s();
                if (sk.startsWith("TYPE#")) types.add(JsonDocuments.read(item.get("body"), AppointmentType.class));
                else if (sk.startsWith("ADVISOR#")) advisors.add(JsonDocuments.read(item.get("body"), Advisor.class));
                else if (sk.startsWith("RESOURCE#")) resources.add(JsonDocuments.read(item.get("body"), Resource.class));
            }
        }
        return new StoreSetup(storeId, types, advisors, resources);
    }

    @Override
    public void save(AppointmentType type) {
        put(type.storeId(), "TYPE#" + type.id(), type);
    }

    @Override
    public void save(Advisor advisor) {
        put(advisor.storeId(), "ADVISOR#" + advisor.id(), advisor);
    }

    @Override
    public void save(Resource resource) {
        put(resource.storeId(), "RESOURCE#" + resource.id(), resource);
    }

    private static Map<String, AttributeValue> item(String storeId, String sort, Object body) {
        return Map.of("pk", AppointmentItems.s(partition(storeId)), "sk", AppointmentItems.s(sort), "body", JsonDocuments.write(body));
    }

    private void put(String storeId, String sort, Object body) {
        dynamo.putItem(r -> r.tableName(table).item(item(storeId, sort, body)));
    }

    private static String partition(String storeId) {
        return "SETUP#" + storeId;
    }
}
