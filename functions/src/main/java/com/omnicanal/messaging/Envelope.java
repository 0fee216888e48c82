package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;

/**
 * One rendered message on its way through one channel; an email may carry an iCalendar invitation ({@code calendar},
 * the .ics text its producer wrote, attached as text/calendar).
 */
public record Envelope(String messageId, ChannelKind channel, String to, String subject, String text, String html,
                       boolean marketing, String calendar) {

    public Envelope(String messageId, ChannelKind channel, String to, String subject, String text, String html,
                    boolean marketing) {
        this(messageId, channel, to, subject, text, html, marketing, null);
    }

    /** The segments an SMS is billed for (null for other channels): the cost the KPIs count. */
    public Integer smsSegments() {
        return channel == ChannelKind.SMS && text != null ? SmsText.segments(text).count() : null;
    }
}
