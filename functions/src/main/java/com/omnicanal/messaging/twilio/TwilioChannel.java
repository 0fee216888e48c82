package com.omnicanal.messaging.twilio;

import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.messaging.TraceableChannel;
import com.omnicanal.outbox.ChannelKind;
import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.client5.http.ConnectTimeoutException;

/**
 * SMS or WhatsApp through Twilio's Messages API, with a status callback on every message. A send whose answer was lost
 * is looked up in the Messages list: Twilio's Message resource carries no free-form field of ours (neither the status
 * callback URL nor any tag comes back in the list), so a message is recognised by what identifies it there: our
 * sender, its recipient, created since the hand-over, with exactly the text we rendered for this outbox message.
 */
public final class TwilioChannel implements TraceableChannel {
    /** Messages to one recipient since a hand-over minutes ago: one page is plenty. */
    private static final long LOOKUP_PAGE_SIZE = 50;

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
            return lostOnTheWay(e);
        } catch (ApiException e) {
            // the SDK reports an I/O failure (no answer in time, a reset) as an ApiException without a status
            if (e.getStatusCode() == null && e.getCause() instanceof java.io.IOException) return lostOnTheWay(e);
            return classify(e.getCode(), e.getStatusCode(), e.getMessage());
        }
    }

    @Override
    public Optional<String> findSent(Envelope envelope, Instant since) {
        var prefix = kind == ChannelKind.WHATSAPP ? "whatsapp:" : "";
        try {
            var page = Message.reader().setTo(new PhoneNumber(prefix + envelope.to()))
                    .setFrom(new PhoneNumber(prefix + from)).setPageSize(LOOKUP_PAGE_SIZE).firstPage(client);
            return page.getRecords().stream()
                    .filter(m -> m.getDateCreated() == null || !m.getDateCreated().toInstant().isBefore(since))
                    .filter(m -> envelope.text().equals(m.getBody()))
                    .map(Message::getSid).findFirst();
        } catch (ApiConnectionException | ApiException e) {
            throw new LookupFailed("Twilio's Messages list did not answer: " + e.getMessage(), e);
        }
    }

    /** Never connected: Twilio cannot have taken it; anything later (no answer in time, a reset) may have. */
    private static SendOutcome lostOnTheWay(Exception e) {
        return neverReached(e) ? new SendOutcome.Transient("connection", e.getMessage())
                : new SendOutcome.Unknown("no-answer", e.getMessage());
    }

    private static boolean neverReached(Throwable e) {
        for (var cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    static SendOutcome classify(Integer code, Integer httpStatus, String message) {
        var text = code == null ? "http-" + httpStatus : code.toString();
        if (code != null && PERMANENT.contains(code)) return new SendOutcome.Permanent(text, message);
        if (code != null && TRANSIENT.contains(code)) return new SendOutcome.Transient(text, message);
        if (httpStatus == null || httpStatus == 429 || httpStatus >= 500) return new SendOutcome.Transient(text, message);
        return new SendOutcome.Permanent(text, message);
    }
}
