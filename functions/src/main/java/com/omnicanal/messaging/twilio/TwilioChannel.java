package com.omnicanal.messaging.twilio;

import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.outbox.ChannelKind;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import java.util.Set;

/** SMS or WhatsApp through Twilio's Messages API, with a status callback on every message. */
public final class TwilioChannel implements Channel {
    /** Twilio error codes that will not get better by retrying: try the next channel. */
    private static final Set<Integer> PERMANENT = Set.of(
            21211, // invalid 'To' number
            21610, // recipient replied STOP
            21614, // not a mobile number
            21408, // region not enabled
            63003, 63016, 63024, // WhatsApp: not a WhatsApp user / outside the session window / invalid recipient
            30005, 30006, 30007, 30008);
    private static final Set<Integer> TRANSIENT = Set.of(20429, 30003, 30001);

    private final ChannelKind kind;
    private final TwilioRestClient client;
    private final String from;
    private final URI statusCallback;

    public TwilioChannel(ChannelKind kind, TwilioRestClient client, String from, URI statusCallback) {
        if (kind == ChannelKind.EMAIL) throw new IllegalArgumentException("Twilio sends SMS and WhatsApp");
        this.kind = kind;
        this.client = client;
        this.from = from;
        this.statusCallback = statusCallback;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public SendOutcome send(Envelope envelope) {
        var prefix = kind == ChannelKind.WHATSAPP ? "whatsapp:" : "";
        try {
            var message = Message.creator(new PhoneNumber(prefix + envelope.to()), new PhoneNumber(prefix + from),
                    envelope.text()).setStatusCallback(statusCallback).create(client);
            return new SendOutcome.Sent(message.getSid());
        } catch (ApiConnectionException e) {
            return new SendOutcome.Transient("connection", e.getMessage());
        } catch (ApiException e) {
            return classify(e.getCode(), e.getStatusCode(), e.getMessage());
        }
    }

    static SendOutcome classify(Integer code, Integer httpStatus, String message) {
        var text = code == null ? "http-" + httpStatus : code.toString();
        if (code != null && PERMANENT.contains(code)) return new SendOutcome.Permanent(text, message);
        if (code != null && TRANSIENT.contains(code)) return new SendOutcome.Transient(text, message);
        if (httpStatus == null || httpStatus == 429 || httpStatus >= 500) return new SendOutcome.Transient(text, message);
        return new SendOutcome.Permanent(text, message);
    }
}
