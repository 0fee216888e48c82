package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.time.Instant;

/** One try on one channel, kept in the delivery log. */
public record Attempt(ChannelKind channel, String providerId, String status, String errorCode, Instant at) {
}
