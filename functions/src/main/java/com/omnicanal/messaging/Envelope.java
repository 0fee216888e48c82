package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;


/** One rendered message on its way through one channel. */
public record Envelope(String messageId, ChannelKind channel, String to, String subject, String text, String html,
                       boolean marketing) {
}
