package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.util.Optional;

/** Port: the customer's addresses, language, consents and preferences (the profile capability owns them). */
public interface ContactBook {
    Optional<Recipient> find(String customerId);

    /** Whether the customer was erased: nothing may be sent to them any more, whatever address a message carries. */
    boolean erased(String customerId);

    /** The customer who owns this E.164 phone number, if any. */
    Optional<String> customerByPhone(String e164);

    /** Records a consent decision for one purpose on one channel (the web, a store; SMS keywords go through SmsOptOuts). */
    void decide(String customerId, com.omnicanal.outbox.OutboxMessage.Purpose purpose, ChannelKind channel,
                boolean granted, String source, java.time.Instant at);
}
