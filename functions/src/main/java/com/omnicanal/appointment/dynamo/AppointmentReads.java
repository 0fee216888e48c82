package com.omnicanal.appointment.dynamo;

import static com.omnicanal.appointment.dynamo.AppointmentItems.s;

import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.Availability;
import com.omnicanal.infrastructure.dynamo.Cursors;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.TableDefinitions;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** What {@link DynamoAppointments} reads: an appointment, a store's or a customer's, those due, the cells taken. */
final class AppointmentReads {
    private final DynamoDbClient dynamo;
    private final String table;

    AppointmentReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    Optional<Appointment> find(String id) {
        var item = dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(AppointmentItems.key(id))).item();
        return Optional.ofNullable(item).filter(AppointmentItems::isAppointment).map(AppointmentItems::read);
    }

    List<Appointment> byStore(String storeId, Instant from, Instant to) {
        var found = new ArrayList<Appointment>();
        for (var page : dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .indexName(TableDefinitions.APPOINTMENTS_BY_STORE)
                .keyConditionExpression("storeId = :s AND startAt BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":s", s(storeId), ":from", s(Instants.format(from)),
                        ":to", s(Instants.format(to.minusMillis(1)))))
                .build())) {
            page.items().stream().filter(AppointmentItems::isAppointment).map(AppointmentItems::read).forEach(found::add);
        }
        return found;
    }

    Page<Appointment> byCustomer(String customerId, String cursor, int limit) {
        Map<String, AttributeValue> start;
        try {
            start = Cursors.decode(cursor, "customerId", customerId);
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
        }
        var response = dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.APPOINTMENTS_BY_CUSTOMER)
                .keyConditionExpression("customerId = :c").expressionAttributeValues(Map.of(":c", s(customerId)))
                .scanIndexForward(false).exclusiveStartKey(start).limit(limit).build());
        return new Page<>(response.items().stream().filter(AppointmentItems::isAppointment).map(AppointmentItems::read).toList(),
                Cursors.encode(response.lastEvaluatedKey()));
    }

    List<Appointment> due(Instant now, int limit) {
        var found = new ArrayList<Appointment>();
        for (var open : List.of("HELD", "REMIND")) {
            found.addAll(dynamo.query(QueryRequest.builder().tableName(table).indexName(TableDefinitions.APPOINTMENTS_DUE)
                    .keyConditionExpression("openStatus = :o AND dueAt <= :now")
                    .expressionAttributeValues(Map.of(":o", s(open), ":now", s(Instants.format(now))))
                    .limit(limit).build()).items().stream().map(AppointmentItems::read).toList());
        }
        return found;
    }

    Availability.Busy busy(String storeId, List<String> advisorIds, List<String> resourceIds, Instant from, Instant to) {
        var advisors = new HashMap<String, Set<Instant>>();
        for (var advisor : advisorIds) {
            var cells = new HashSet<Instant>();
            cells(AppointmentItems.advisorCells(storeId, advisor), from, to, (at, item) -> cells.add(at));
            advisors.put(advisor, cells);
        }
        var resources = new HashMap<String, Map<Instant, Integer>>();
        for (var resource : resourceIds) {
            var units = new HashMap<Instant, Integer>();
            cells(AppointmentItems.resourceCells(storeId, resource), from, to,
                    (at, item) -> units.put(at, Integer.parseInt(item.get("taken").n())));
            resources.put(resource, units);
        }
        return new Availability.Busy(advisors, resources);
    }

    private void cells(String partition, Instant from, Instant to,
                       java.util.function.BiConsumer<Instant, Map<String, AttributeValue>> each) {
        for (var page : dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":p", s(partition), ":from", s(Instants.format(from)),
                        ":to", s(Instants.format(to))))
                .build())) {
            page.items().forEach(item -> each.accept(Instants.parse(item.get("sk").s()), item));
        }
    }
}
