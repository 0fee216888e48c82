package com.omnicanal.testing.memory;

import com.omnicanal.appointment.Appointment;
import com.omnicanal.appointment.Appointments;
import com.omnicanal.appointment.Availability;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.reservation.ReservationStatus;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Appointments in memory, for the fast tier: a change checks every condition the DynamoDB transaction carries (the
 * appointment as read, each quarter hour of the advisor free, each resource's units under its capacity, the items'
 * stock free or their holds still held, the message's dedupe key, the erasure mark, the idempotency claim) under the
 * store's lock before it writes anything, and refuses for the same reason first when several fail.
 */
public final class InMemoryAppointments implements Appointments {
    private final InMemoryStore store;
    private final Map<String, Appointment> appointments = new LinkedHashMap<>();
    private final Map<String, Instant> due = new HashMap<>();
    /** Advisor cells: "store#advisor#instant" to the appointment holding it. */
    private final Map<String, String> advisorCells = new HashMap<>();
    /** Resource cells: "store#resource#instant" to the appointments holding a unit. */
    private final Map<String, Set<String>> resourceCells = new HashMap<>();

    public InMemoryAppointments(InMemoryStore store) {
        this.store = store;
    }

    @Override
    public Outcome apply(Change change) {
        synchronized (store) {
            var previous = change.previous();
            var next = change.next();
            if (previous == null ? appointments.containsKey(next.id()) : !asRead(previous)) return new Outcome.Conflict();
            var freedAdvisor = advisor(previous);
            var takenAdvisor = advisor(next);
            for (var cell : takenAdvisor) {
                if (!freedAdvisor.contains(cell) && advisorCells.containsKey(cell)) return new Outcome.AdvisorTaken();
            }
            var freedUnits = units(previous);
            var takenUnits = units(next);
            for (var cell : takenUnits.keySet()) {
                if (freedUnits.containsKey(cell)) continue;
                var resource = takenUnits.get(cell);
                if (resourceCells.getOrDefault(cell, Set.of()).size() >= change.capacities().getOrDefault(resource, 0)) {
                    return new Outcome.ResourceFull(resource);
                }
            }
            for (var hold : change.holds()) {
                var row = store.stock.get(InMemoryStore.key(hold.sku(), hold.storeId()));
                if (row == null || row.level().available() < hold.quantity()) return new Outcome.NotEnoughStock(hold.sku());
            }
            for (var message : change.messages()) if (!store.outboxFree(message)) return new Outcome.Conflict();
            if (previous == null && store.erased.contains(next.customerId())) return new Outcome.CustomerErased();
            if (change.idempotency() != null && !store.claimable(change.idempotency())) return earlier(change.idempotency());
            // every condition holds: write it all (a hold its own expiry closed meanwhile is left out, as on DynamoDB)
            appointments.put(next.id(), next);
            if (change.due() == null) due.remove(next.id()); else due.put(next.id(), change.due());
            freedAdvisor.stream().filter(c -> !takenAdvisor.contains(c)).forEach(advisorCells::remove);
            takenAdvisor.stream().filter(c -> !freedAdvisor.contains(c)).forEach(c -> advisorCells.put(c, next.id()));
            freedUnits.keySet().stream().filter(c -> !takenUnits.containsKey(c))
                    .forEach(c -> resourceCells.getOrDefault(c, new HashSet<>()).remove(next.id()));
            takenUnits.keySet().stream().filter(c -> !freedUnits.containsKey(c))
                    .forEach(c -> resourceCells.computeIfAbsent(c, k -> new HashSet<>()).add(next.id()));
            for (var hold : change.holds()) {
                var key = InMemoryStore.key(hold.sku(), hold.storeId());
                var row = store.stock.get(key);
                store.stock.put(key, row.with(row.level().onHand(), row.level().reserved() + hold.quantity()));
                store.reservations.put(hold.id(), hold);
            }
            change.releases().forEach(r -> settle(r, false));
            change.sales().forEach(r -> settle(r, true));
            for (var extended : change.extensions()) {
                var current = store.reservations.get(extended.id());
                if (current == null || current.status() != ReservationStatus.HELD) continue;
                store.reservations.put(current.id(), new Reservation(current.id(), current.customerId(), current.sku(),
                        current.productName(), current.storeId(), current.storeName(), current.quantity(), current.status(),
                        current.createdAt(), change.extendedUntil(), current.updatedAt()));
            }
            change.messages().forEach(store::append);
            if (change.idempotency() != null) store.claim(change.idempotency(), next);
            return new Outcome.Applied();
        }
    }

    @Override
    public Outcome earlier(IdempotencyClaim claim) {
        synchronized (store) {
            if (store.claimable(claim)) return null;
            return store.replay(claim).<Outcome>map(first -> new Outcome.Replayed((Appointment) first))
                    .orElseGet(Outcome.KeyReused::new);
        }
    }

    @Override
    public Optional<Appointment> find(String id) {
        synchronized (store) {
            return Optional.ofNullable(appointments.get(id));
        }
    }

    @Override
    public List<Appointment> byStore(String storeId, Instant from, Instant to) {
        synchronized (store) {
            return appointments.values().stream().filter(a -> a.storeId().equals(storeId))
                    .filter(a -> !a.start().isBefore(from) && a.start().isBefore(to))
                    .sorted(Comparator.comparing(Appointment::start)).toList();
        }
    }

    @Override
    public Page<Appointment> byCustomer(String customerId, String cursor, int limit) {
        synchronized (store) {
            var theirs = appointments.values().stream().filter(a -> a.customerId().equals(customerId)).toList();
            return InMemoryStore.page(theirs, a -> InMemoryStore.byTime(a.start(), a.id()), true, "appointments:" + customerId,
                    cursor, limit);
        }
    }

    @Override
    public List<Appointment> due(Instant now, int limit) {
        synchronized (store) {
            return due.entrySet().stream().filter(e -> !e.getValue().isAfter(now)).map(e -> appointments.get(e.getKey()))
                    .limit(limit).toList();
        }
    }

    @Override
    public Availability.Busy busy(String storeId, List<String> advisorIds, List<String> resourceIds, Instant from, Instant to) {
        synchronized (store) {
            var advisors = new HashMap<String, Set<Instant>>();
            for (var advisor : advisorIds) {
                var cells = new HashSet<Instant>();
                advisorCells.keySet().stream().filter(k -> k.startsWith(storeId + "#" + advisor + "#"))
                        .map(InMemoryAppointments::instant).filter(at -> !at.isBefore(from) && !at.isAfter(to))
                        .forEach(cells::add);
                advisors.put(advisor, cells);
            }
            var resources = new HashMap<String, Map<Instant, Integer>>();
            for (var resource : resourceIds) {
                var units = new HashMap<Instant, Integer>();
                resourceCells.forEach((k, holders) -> {
                    var at = instant(k);
                    if (k.startsWith(storeId + "#" + resource + "#") && !at.isBefore(from) && !at.isAfter(to)) {
                        units.put(at, holders.size());
                    }
                });
                resources.put(resource, units);
            }
            return new Availability.Busy(advisors, resources);
        }
    }

    /** Still as it was read: the same status and the same last change. */
    private boolean asRead(Appointment previous) {
        var current = appointments.get(previous.id());
        return current != null && current.status() == previous.status() && current.updatedAt().equals(previous.updatedAt());
    }

    private void settle(Reservation closed, boolean sold) {
        var current = store.reservations.get(closed.id());
        if (current == null || current.status() != ReservationStatus.HELD) return;
        var key = InMemoryStore.key(current.sku(), current.storeId());
        var row = store.stock.get(key);
        store.stock.put(key, row.with(row.level().onHand() - (sold ? current.quantity() : 0),
                row.level().reserved() - current.quantity()));
        store.reservations.put(current.id(), new Reservation(current.id(), current.customerId(), current.sku(),
                current.productName(), current.storeId(), current.storeName(), current.quantity(), closed.status(),
                current.createdAt(), current.expiresAt(), InMemoryStore.millis(closed.updatedAt())));
    }

    private static Set<String> advisor(Appointment a) {
        var cells = new HashSet<String>();
        if (a != null && a.status().takesTime()) a.advisorCells().forEach(c -> cells.add(a.storeId() + "#" + a.advisorId() + "#" + c));
        return cells;
    }

    /** Resource cells a appointment takes a unit of, to the resource. */
    private static Map<String, String> units(Appointment a) {
        var cells = new HashMap<String, String>();
        if (a == null || !a.status().takesTime()) return cells;
        for (var resource : a.resourceIds()) a.resourceCells().forEach(c -> cells.put(a.storeId() + "#" + resource + "#" + c, resource));
        return cells;
    }

    private static Instant instant(String cellKey) {
        return Instant.parse(cellKey.substring(cellKey.lastIndexOf('#') + 1));
    }

}
