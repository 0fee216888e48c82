package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.time.Instant;

/** One try on one channel, kept in the delivery log; {@code segments}: what an SMS handed over is billed (else null). */
public record Attempt(ChannelKind channel, String providerId, String status, String errorCode, Instant at,
                      Integer segments) {

    public Attempt(ChannelKind channel, String providerId, String status, String errorCode, Instant at) {
        this(channel, providerId, status, errorCode, at, null);
    }
}
