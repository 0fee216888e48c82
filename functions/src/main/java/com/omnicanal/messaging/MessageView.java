package com.omnicanal.messaging;

import java.time.Instant;
import java.util.List;

/** A message as the delivery log shows it: what, to whom, through which channel, and how it went. */
public record MessageView(String id, String kind, String customerId, String purpose, String status, String channel,
                          String delivery, String errorCode, String reason, List<Attempt> attempts, Instant createdAt,
                          Instant updatedAt) {

    public static MessageView of(MessageRecord r) {
        return new MessageView(r.message().id(), r.message().kind(), r.message().customerId(),
                r.message().delivery().purpose().name(), r.status().name(), r.channel() == null ? null : r.channel().name(),
                r.delivery() == null ? null : r.delivery().name(), r.errorCode(), r.reason(), r.attempts(),
                r.message().createdAt(), r.updatedAt());
    }
}
