package com.omnicanal.loyalty;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Ids;
import java.time.Instant;
import java.util.EnumSet;
import java.util.function.Supplier;

/** Writing a posting computed from what was read, again from a fresh read when something changed meanwhile. */
final class Postings {
    /** Enough for a member's own concurrent changes (a till and the web at once); beyond, the caller gets a 5xx. */
    static final int ATTEMPTS = 25;

    private Postings() {
    }

    /** The result of one attempt: what to answer, and the posting to write for it (null: nothing to write). */
    record Attempt<T>(Posting posting, T result, Supplier<T> ifDone) {
    }

    static <T> T write(LoyaltyLedger ledger, Supplier<Attempt<T>> attempt, Supplier<RuntimeException> insufficient) {
        for (int i = 0; i < ATTEMPTS; i++) {
            var a = attempt.get();
            if (a.posting() == null) return a.result();
            switch (ledger.post(a.posting())) {
                case WRITTEN -> {
                    return a.result();
                }
                case ALREADY_DONE -> {
                    return a.ifDone().get();
                }
                case INSUFFICIENT -> throw insufficient.get();
                case STALE -> Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("the loyalty account kept changing: " + ATTEMPTS + " attempts");
    }

    static String entryId() {
        return Ids.newId();
    }

    /** Points messages are offers to come back: marketing consent, held in quiet hours, under the fatigue rules. */
    static OutboxMessage marketing(String kind, String customerId, String dedupeKey, java.util.Map<String, String> data,
                                   Instant now) {
        return OutboxMessage.of(kind, customerId, dedupeKey, new Delivery(OutboxMessage.Purpose.MARKETING,
                OutboxMessage.Urgency.NORMAL, EnumSet.allOf(ChannelKind.class), null), data, now);
    }
}
