package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;


/** Port: a way to send (Twilio SMS or WhatsApp, SMTP email). Never throws for provider errors: it classifies them. */
public interface Channel {
    ChannelKind kind();

    SendOutcome send(Envelope envelope);
}
