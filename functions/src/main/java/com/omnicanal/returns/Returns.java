package com.omnicanal.returns;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.reservation.Reservation;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.IdempotencyClaim;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port: return authorizations, the per-purchase tally of returned units, restocking and the accounting entries. */
public interface Returns {

    /**
     * What a change does: the tally of returned units (a new authorization takes its units within {@code bought}; a
     * change gives back {@code givenBack}), a replacement to hold, stock to restock, accounting entries, and the
     * business event it is (a return received) in the outbox.
     */
    record Change(ReturnAuthorization next, ReturnStatus expected, Map<String, Integer> bought, Reservation replacement,
                  String restockAt, List<OutboxMessage> messages, IdempotencyClaim idempotency,
                  Map<String, Integer> givenBack, BusinessEvent event) {

        /** A change that is no business event. */
        public Change(ReturnAuthorization next, ReturnStatus expected, Map<String, Integer> bought, Reservation replacement,
                      String restockAt, List<OutboxMessage> messages, IdempotencyClaim idempotency,
                      Map<String, Integer> givenBack) {
            this(next, expected, bought, replacement, restockAt, messages, idempotency, givenBack, null);
        }
    }

    sealed interface Outcome {
        record Applied() implements Outcome {
        }

        record Conflict() implements Outcome {
        }

        /** This many more units of the SKU would exceed what was bought (counting earlier returns). */
        record TooMany(String sku) implements Outcome {
        }

        record NoReplacementStock() implements Outcome {
        }

        record Replayed(ReturnAuthorization authorization) implements Outcome {
        }

        record KeyReused() implements Outcome {
        }

        /** The customer was erased: nothing more is written under that id. */
        record CustomerErased() implements Outcome {
        }
    }

    /**
     * One transaction: {@code next} is created (refused if its customer was erased) or replaces the return if it is
     * still in {@code expected} and still belongs to {@code next}'s customer (a change read before a merge or an
     * erasure moved it does not undo that), with the tally, the replacement hold, the restocking and the messages.
     */
    Outcome apply(Change change);

    Optional<ReturnAuthorization> find(String id);

    /** Authorizations still requested whose time to bring the units back ran out by {@code now}, soonest first. */
    List<ReturnAuthorization> expiredBy(Instant now, int limit);

    /** One accounting entry: a return received at {@code receivedAt} for a sale made at {@code soldAt}. */
    record Entry(String returnId, String soldAt, String receivedAt, Instant receivedOn, int units, int amountCents) {
    }

    /** Entries where the store received the return ({@code in}) or had made the sale ({@code out}), in a period. */
    List<Entry> entries(String storeId, boolean in, Instant from, Instant to);
}
