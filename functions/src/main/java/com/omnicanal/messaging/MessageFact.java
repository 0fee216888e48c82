package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.time.Instant;
import java.util.Objects;

/**
 * One thing that happened to a message, as the KPIs count it: a channel took it (SENT, with the SMS segments it is
 * billed), the provider said it arrived (DELIVERED) or not (FAILED, also a channel refusing it for good), or it fell
 * back from a channel that failed for good (FELL_BACK, on that channel). {@code id} names it once, however often its
 * record change is handed over; {@code storeId} is the store whose order or reservation it is about (null: none).
 */
public record MessageFact(String id, Kind kind, ChannelKind channel, String storeId, int segments, Instant at) {

    public enum Kind { SENT, DELIVERED, FAILED, FELL_BACK }

    public MessageFact {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(at, "at");
    }
}
