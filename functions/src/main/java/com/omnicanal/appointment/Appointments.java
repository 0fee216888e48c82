package com.omnicanal.appointment;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.IdempotencyClaim;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: appointments and the time they take, with the items held for them and their messages, changed together. */
public interface Appointments {

    /**
     * One transaction: {@code next} replaces {@code previous} if that is still how it stands (null: creates it, unless
     * its customer was erased); the advisor's and the resources' cells {@code previous} took and {@code next} does not
     * are freed, those {@code next} takes and {@code previous} did not are taken, each only if free (a resource's only
     * while it has a unit left of its capacity); the items' holds are written, released, sold or extended; the messages
     * queued; the idempotency claim written. {@code due} is when the sweeper next looks at it (a hold's end, a reminder).
     */
    record Change(Appointment previous, Appointment next, Map<String, Integer> capacities, Instant due,
                  List<Reservation> holds, List<Reservation> releases, List<Reservation> sales, List<Reservation> extensions,
                  Instant extendedUntil, List<OutboxMessage> messages, IdempotencyClaim idempotency,
                  BusinessEvent event) {
        public static Change of(Appointment previous, Appointment next, Instant due) {
            return new Change(previous, next, Map.of(), due, List.of(), List.of(), List.of(), List.of(), null, List.of(), null, null);
        }

        public Change capacities(Map<String, Integer> of) {
            return new Change(previous, next, Map.copyOf(of), due, holds, releases, sales, extensions, extendedUntil, messages, idempotency, event);
        }

        public Change holds(List<Reservation> items) {
            return new Change(previous, next, capacities, due, List.copyOf(items), releases, sales, extensions, extendedUntil, messages, idempotency, event);
        }

        public Change settles(List<Reservation> released, List<Reservation> sold) {
            return new Change(previous, next, capacities, due, holds, List.copyOf(released), List.copyOf(sold), extensions, extendedUntil, messages, idempotency, event);
        }

        public Change extendHolds(List<Reservation> items, Instant until) {
            return new Change(previous, next, capacities, due, holds, releases, sales, List.copyOf(items), until, messages, idempotency, event);
        }

        public Change message(OutboxMessage message) {
            var all = new ArrayList<>(messages);
            all.add(message);
            return new Change(previous, next, capacities, due, holds, releases, sales, extensions, extendedUntil, all, idempotency, event);
        }

        public Change idempotency(IdempotencyClaim claim) {
            return new Change(previous, next, capacities, due, holds, releases, sales, extensions, extendedUntil, messages, claim, event);
        }

        /** The business event the change causes, written in its transaction (feedback reads it from the outbox stream). */
        public Change event(BusinessEvent happened) {
            return new Change(previous, next, capacities, due, holds, releases, sales, extensions, extendedUntil, messages, idempotency, happened);
        }
    }

    sealed interface Outcome {
        record Applied() implements Outcome {
        }

        /** The appointment moved since it was read (or its reminder went): read it again. */
        record Conflict() implements Outcome {
        }

        /** The advisor is no longer free for some of that time. */
        record AdvisorTaken() implements Outcome {
        }

        /** That resource has no unit left for some of that time. */
        record ResourceFull(String resourceId) implements Outcome {
        }

        record NotEnoughStock(String sku) implements Outcome {
        }

        record Replayed(Appointment appointment) implements Outcome {
        }

        record KeyReused() implements Outcome {
        }

        record CustomerErased() implements Outcome {
        }
    }

    Outcome apply(Change change);

    /** The answer already given under this claim's key (replayed, or the key reused), or null when it is free. */
    Outcome earlier(IdempotencyClaim claim);

    Optional<Appointment> find(String id);

    /** A store's appointments starting in [from, to), in time order. */
    List<Appointment> byStore(String storeId, Instant from, Instant to);

    /** A customer's appointments, latest first. */
    Page<Appointment> byCustomer(String customerId, String cursor, int limit);

    /** Appointments the sweeper is due to look at by {@code now}: holds ended, reminders due. */
    List<Appointment> due(Instant now, int limit);

    /** The cells taken at a store in [from, to): each advisor's, and each resource's units. */
    Availability.Busy busy(String storeId, List<String> advisorIds, List<String> resourceIds, Instant from, Instant to);
}
