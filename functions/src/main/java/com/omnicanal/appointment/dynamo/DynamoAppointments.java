package com.omnicanal.appointment.dynamo;

import static com.omnicanal.appointment.dynamo.AppointmentItems.s;

import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.Appointments;
import com.omnicanal.appointment.Availability;
import com.omnicanal.customer.dynamo.ErasureMarks;
import com.omnicanal.infrastructure.dynamo.IdempotencyRecords;
import com.omnicanal.infrastructure.dynamo.Instants;
import com.omnicanal.infrastructure.dynamo.JsonDocuments;
import com.omnicanal.infrastructure.dynamo.TableNames;
import com.omnicanal.infrastructure.dynamo.Transactions;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.dynamo.ReservationWrites;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Appointments on DynamoDB. Every change is one TransactWriteItems: the appointment (conditional on how it was read),
 * a conditional write per quarter hour of the advisor and of each resource it takes or frees (never read-then-write),
 * the items' e-reservations with their stock (reservation's own writes), the outbox messages, the erasure check and
 * the idempotency claim.
 */
public final class DynamoAppointments implements Appointments {
    private final DynamoDbClient dynamo;
    private final TableNames tables;
    private final String table;
    private final Transactions transactions;
    private final ReservationWrites items;
    private final AppointmentReads reads;

    public DynamoAppointments(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.table = tables.appointments();
        this.transactions = new Transactions(dynamo);
        this.items = new ReservationWrites(tables);
        this.reads = new AppointmentReads(dynamo, table);
    }

    /** What each action of a transaction stands for, to read its refusal. */
    private sealed interface Part {
        record Appointment() implements Part {
        }

        record AdvisorCell() implements Part {
        }

        record ResourceCell(String resourceId) implements Part {
        }

        record StockHold(String sku) implements Part {
        }

        /** Closing an item's reservation: refused when it was closed elsewhere already (its own expiry). */
        record ItemClosed(String reservationId) implements Part {
        }

        record Other() implements Part {
        }

        record Message() implements Part {
        }

        record NotErased() implements Part {
        }

        record Idempotency() implements Part {
        }
    }

    @Override
    public Outcome apply(Change change) {
        var settledElsewhere = new HashSet<String>();
        // an item's hold its own expiry closed meanwhile is left out, and the rest written again (at most once per item)
        for (int round = 0; round <= change.releases().size() + change.sales().size() + change.extensions().size(); round++) {
            var parts = new ArrayList<Part>();
            var actions = actions(change, parts, settledElsewhere);
            var outcome = transactions.write(() -> actions);
            if (outcome.committed()) return new Outcome.Applied();
            Outcome refused = null;
            boolean retry = false;
            for (int i = 0; i < parts.size(); i++) {
                if (!outcome.failedCondition(i)) continue;
                var part = parts.get(i);
                if (part instanceof Part.ItemClosed closed) {
                    retry = settledElsewhere.add(closed.reservationId()) || retry;
                    continue;
                }
                refused = refusal(change, part);
                break;
            }
            if (refused != null) return refused;
            if (!retry) throw new IllegalStateException("appointment " + change.next().id() + " change refused: " + outcome.reasons());
        }
        throw new IllegalStateException("appointment " + change.next().id() + ": its items kept changing");
    }

    @Override
    public Outcome earlier(IdempotencyClaim claim) {
        if (!IdempotencyRecords.claimed(dynamo, tables.idempotency(), claim.key(), claim.claimedAt())) return null;
        return replay(claim);
    }

    private Outcome replay(IdempotencyClaim claim) {
        return IdempotencyRecords.replay(dynamo, tables.idempotency(), claim.key(), claim.fingerprint())
                .<Outcome>map(stored -> new Outcome.Replayed(JsonDocuments.read(stored, Appointment.class)))
                .orElseGet(Outcome.KeyReused::new);
    }

    private Outcome refusal(Change change, Part part) {
        if (part instanceof Part.Idempotency) return replay(change.idempotency());
        if (part instanceof Part.NotErased) return new Outcome.CustomerErased();
        if (part instanceof Part.AdvisorCell) return new Outcome.AdvisorTaken();
        if (part instanceof Part.ResourceCell r) return new Outcome.ResourceFull(r.resourceId());
        if (part instanceof Part.StockHold h) return new Outcome.NotEnoughStock(h.sku());
        // the appointment moved since it was read, or the message (a reminder) was queued by another run
        return new Outcome.Conflict();
    }

    private List<TransactWriteItem> actions(Change change, List<Part> parts, Set<String> settledElsewhere) {
        var previous = change.previous();
        var next = change.next();
        var actions = new ArrayList<TransactWriteItem>();
        actions.add(appointment(change));
        parts.add(new Part.Appointment());
        // the advisor's quarter hours: freed where only the old time had them, taken where only the new one does
        var before = advisorCells(previous);
        var after = advisorCells(next);
        for (var cell : before) {
            if (after.contains(cell)) continue;
            actions.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(cell.key())
                    .conditionExpression("appointmentId = :id").expressionAttributeValues(Map.of(":id", s(next.id())))
                    .build()).build());
            parts.add(new Part.Other());
        }
        for (var cell : after) {
            if (before.contains(cell)) continue;
            var item = new HashMap<>(cell.key());
            item.put("appointmentId", s(next.id()));
            item.put(AppointmentItems.ttl(), AppointmentItems.expiry(cell.at()));
            actions.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
            parts.add(new Part.AdvisorCell());
        }
        // each resource's quarter hours: a unit taken only while one is left of its capacity
        var usedBefore = resourceCells(previous);
        var usedAfter = resourceCells(next);
        for (var cell : usedBefore) {
            if (usedAfter.contains(cell)) continue;
            actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(cell.key())
                    .updateExpression("SET taken = taken - :one DELETE holders :me")
                    .conditionExpression("contains(holders, :id)")
                    .expressionAttributeValues(Map.of(":one", n(1), ":me", AttributeValue.fromSs(List.of(next.id())),
                            ":id", s(next.id())))
                    .build()).build());
            parts.add(new Part.Other());
        }
        for (var cell : usedAfter) {
            if (usedBefore.contains(cell)) continue;
            var capacity = change.capacities().getOrDefault(cell.owner(), 0);
            actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(cell.key())
                    .updateExpression("SET taken = if_not_exists(taken, :zero) + :one, #exp = :exp ADD holders :me")
                    .conditionExpression("(attribute_not_exists(taken) OR taken < :capacity) AND NOT contains(holders, :id)")
                    .expressionAttributeNames(Map.of("#exp", AppointmentItems.ttl()))
                    .expressionAttributeValues(Map.of(":zero", n(0), ":one", n(1), ":capacity", n(capacity),
                            ":exp", AppointmentItems.expiry(cell.at()), ":me", AttributeValue.fromSs(List.of(next.id())),
                            ":id", s(next.id())))
                    .build()).build());
            parts.add(new Part.ResourceCell(cell.owner()));
        }
        // the items to try: held with their stock, released or sold, or held until later
        for (var hold : change.holds()) {
            var writes = items.hold(hold);
            actions.addAll(writes);
            parts.add(new Part.StockHold(hold.sku()));
            for (int i = 1; i < writes.size(); i++) parts.add(new Part.Other());
        }
        settle(change.releases(), settledElsewhere, items::release, actions, parts);
        settle(change.sales(), settledElsewhere, items::sell, actions, parts);
        for (var extended : change.extensions()) {
            if (settledElsewhere.contains(extended.id())) continue;
            actions.add(items.holdUntil(extended, change.extendedUntil()));
            parts.add(new Part.ItemClosed(extended.id()));
        }
        change.messages().forEach(m -> {
            actions.add(OutboxItems.put(tables.outbox(), m));
            parts.add(new Part.Message());
        });
        if (change.event() != null) {
            // the business event joins the outbox with the change: feedback's stream consumer schedules from it
            actions.add(OutboxItems.event(tables.outbox(), change.event()));
            parts.add(new Part.Message());
        }
        if (previous == null) {
            // a booking under an erased customer's id is refused, even one on its way when the erasure began
            actions.add(ErasureMarks.notErased(tables.customers(), next.customerId()));
            parts.add(new Part.NotErased());
        }
        if (change.idempotency() != null) {
            var claim = change.idempotency();
            actions.add(IdempotencyRecords.claim(tables.idempotency(), claim.key(), claim.fingerprint(), claim.claimedAt(),
                    JsonDocuments.write(next)));
            parts.add(new Part.Idempotency());
        }
        return actions;
    }

    private static void settle(List<Reservation> reservations, Set<String> settledElsewhere,
                               java.util.function.Function<Reservation, List<TransactWriteItem>> write,
                               List<TransactWriteItem> actions, List<Part> parts) {
        for (var reservation : reservations) {
            if (settledElsewhere.contains(reservation.id())) continue;
            var writes = write.apply(reservation);
            actions.addAll(writes);
            // its stock write is refused too once the hold was closed (nothing left reserved): both mean the same
            for (int i = 0; i < writes.size(); i++) parts.add(new Part.ItemClosed(reservation.id()));
        }
    }

    private TransactWriteItem appointment(Change change) {
        var put = Put.builder().tableName(table).item(AppointmentItems.of(change.next(), change.due()));
        if (change.previous() == null) {
            put.conditionExpression("attribute_not_exists(pk)");
        } else {
            // as it was read: another change in between (a staff action, the sweeper, a second click) wins
            put.conditionExpression("#s = :status AND updatedAt = :updated")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":status", s(change.previous().status().name()),
                            ":updated", s(Instants.format(change.previous().updatedAt()))));
        }
        return TransactWriteItem.builder().put(put.build()).build();
    }

    /** A quarter hour of an advisor or a resource ({@code owner}). */
    private record Cell(String partition, String owner, Instant at) {
        Map<String, AttributeValue> key() {
            return AppointmentItems.cellKey(partition, at);
        }
    }

    private static Set<Cell> advisorCells(Appointment a) {
        var cells = new LinkedHashSet<Cell>();
        if (a == null || !a.status().takesTime()) return cells;
        var partition = AppointmentItems.advisorCells(a.storeId(), a.advisorId());
        a.advisorCells().forEach(at -> cells.add(new Cell(partition, a.advisorId(), at)));
        return cells;
    }

    private static Set<Cell> resourceCells(Appointment a) {
        var cells = new LinkedHashSet<Cell>();
        if (a == null || !a.status().takesTime()) return cells;
        for (var resource : a.resourceIds()) {
            var partition = AppointmentItems.resourceCells(a.storeId(), resource);
            a.resourceCells().forEach(at -> cells.add(new Cell(partition, resource, at)));
        }
        return cells;
    }

    @Override
    public Optional<Appointment> find(String id) {
        return reads.find(id);
    }

    @Override
    public List<Appointment> byStore(String storeId, Instant from, Instant to) {
        return reads.byStore(storeId, from, to);
    }

    @Override
    public Page<Appointment> byCustomer(String customerId, String cursor, int limit) {
        return reads.byCustomer(customerId, cursor, limit);
    }

    @Override
    public List<Appointment> due(Instant now, int limit) {
        return reads.due(now, limit);
    }

    @Override
    public Availability.Busy busy(String storeId, List<String> advisorIds, List<String> resourceIds, Instant from, Instant to) {
        return reads.busy(storeId, advisorIds, resourceIds, from, to);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
