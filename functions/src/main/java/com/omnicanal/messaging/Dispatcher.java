package com.omnicanal.messaging;

import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Ids;
import com.omnicanal.shared.PhoneNumbers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one outbox message: picks the channel from consent and preference, falls back when a channel fails for good,
 * retries with backoff when it fails for now, defers marketing in quiet hours, logs every attempt, and tells
 * {@link SentMessages} what a channel took.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** What became of the message; RETRY asks the caller to have it delivered again later. */
    public enum Result { SENT, DEFERRED, FAILED, RETRY, SKIPPED }

    /** How hard to try now, and how long a claim lasts. */
    public record Policy(int triesPerChannel, Duration firstBackoff, Duration maxBackoff, Duration lease,
                         int smsMaxSegments, Duration retryLater) {
        public static final Policy DEFAULT = new Policy(3, Duration.ofMillis(200), Duration.ofSeconds(2),
                Duration.ofMinutes(2), 3, Duration.ofMinutes(1));
    }

    /** Waits between tries; tests pass one that does not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration);
    }

    private final DeliveryLog log;
    private final ContactBook contacts;
    private final Templates templates;
    private final Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
    private final Policy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SentMessages sentMessages;

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper) {
        this(log, contacts, templates, channels, policy, clock, sleeper, SentMessages.NONE);
    }

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper, SentMessages sent) {
        this.log = log;
        this.contacts = contacts;
        this.templates = templates;
        channels.forEach(c -> this.channels.put(c.kind(), c));
        this.policy = policy;
        this.clock = clock;
        this.sleeper = sleeper;
        this.sentMessages = sent;
    }

    public Result dispatch(String messageId) {
        var now = now();
        var record = log.find(messageId).orElse(null);
        if (record != null && record.status() == MessageRecord.Status.SENT) {
            // delivered again by the stream, maybe because telling it failed last time: tell it again (it is idempotent)
            sentMessages.sent(record.message(), record.updatedAt() == null ? now : record.updatedAt());
            return Result.SKIPPED;
        }
        if (record == null || record.status().isFinal() || record.status() == MessageRecord.Status.SENDING
                || (record.status() == MessageRecord.Status.DEFERRED && record.notBefore() != null
                && record.notBefore().isAfter(now))) {
            return Result.SKIPPED;
        }
        var message = record.message();
        var recipient = verification(message);
        if (recipient == null) {
            recipient = contacts.find(message.customerId()).map(r -> orderContactFilling(r, message))
                    .orElseGet(() -> guest(message));
        }
        if (recipient == null) return failed(message, "unknown-customer", now);
        boolean mayWait = message.purpose() != OutboxMessage.Purpose.TRANSACTIONAL
                && message.urgency() == OutboxMessage.Urgency.NORMAL;
        if (mayWait && recipient.quietHours() != null && recipient.quietHours().contains(now)) {
            log.defer(messageId, recipient.quietHours().nextAllowed(now), now);
            return Result.DEFERRED;
        }
        var candidates = recipient.channelsFor(message.purpose());
        var only = message.templateData().get("onlyChannels");
        if (only != null) {
            // a message that only makes sense on some channels (a reward code to keep: email) never falls back to others
            var allowed = java.util.Set.of(only.split(","));
            candidates = candidates.stream().filter(c -> allowed.contains(c.name())).toList();
        }
        if (candidates.isEmpty()) return failed(message, "no-consented-channel", now);
        if (!log.claim(messageId, now, policy.lease())) return Result.SKIPPED;

        // channels that already failed for good on an earlier delivery of this message are not tried again
        var burnt = new HashSet<ChannelKind>();
        for (var attempt : record.attempts()) {
            if ("failed-permanently".equals(attempt.status())) burnt.add(attempt.channel());
        }
        boolean transientFailure = false;
        String lastReason = "no-channel-available";
        for (var kind : candidates) {
            var channel = channels.get(kind);
            if (channel == null || burnt.contains(kind)) continue;
            Envelope envelope;
            try {
                envelope = envelope(message, recipient, kind);
            } catch (Templates.MissingData e) {
                // the producer wrote less than the template says: no retry fixes that, another channel's template may
                LOG.log(System.Logger.Level.ERROR, "message " + messageId + " cannot be rendered: " + e.getMessage());
                log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", "template-error", now()));
                lastReason = kind + ":template-error";
                continue;
            }
            if (envelope.to() == null) {
                // what the profile holds is not a phone number libphonenumber accepts: no provider call can fix that
                log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", "invalid-address", now()));
                lastReason = kind + ":invalid-address";
                continue;
            }
            for (int tryNo = 1; tryNo <= policy.triesPerChannel(); tryNo++) {
                // checked under the claim, before every hand-over: an erasure waits for claimed messages, so nothing
                // reaches the person once it has answered, whatever contact the message carries
                if (contacts.erased(message.customerId())) {
                    log.forget(messageId, "anon-" + Ids.newId(), now());
                    return Result.FAILED;
                }
                var outcome = channel.send(envelope);
                var at = now();
                if (outcome instanceof SendOutcome.Sent sent) {
                    log.recordAttempt(messageId, new Attempt(kind, sent.providerId(), "sent", null, at));
                    log.markSent(messageId, kind, sent.providerId(), at);
                    sentMessages.sent(message, at);
                    forgetCode(message);
                    return Result.SENT;
                }
                if (outcome instanceof SendOutcome.Permanent p) {
                    log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", p.code(), at));
                    lastReason = kind + ":" + p.code();
                    transientFailure = false;
                    break;
                }
                var t = (SendOutcome.Transient) outcome;
                log.recordAttempt(messageId, new Attempt(kind, null, "failed-transiently", t.code(), at));
                lastReason = kind + ":" + t.code();
                transientFailure = true;
                if (tryNo < policy.triesPerChannel()) sleeper.sleep(backoff(tryNo));
            }
            // a channel that is only failing for now is retried later rather than skipped for a worse one
            if (transientFailure) break;
        }
        if (transientFailure) {
            log.markRetry(messageId, lastReason, now().plus(policy.retryLater()), now());
            return Result.RETRY;
        }
        return failed(message, lastReason, now());
    }

    /** Failed for good (no channel left, or none to try); a message of an erased customer also loses its contents. */
    private Result failed(OutboxMessage message, String reason, Instant now) {
        if (contacts.erased(message.customerId())) {
            log.forget(message.id(), "anon-" + Ids.newId(), now);
        } else {
            log.markFailed(message.id(), reason, now);
            forgetCode(message);
        }
        return Result.FAILED;
    }

    /** A one-time code is kept only until its message is sent or has failed for good: never readable afterwards. */
    private void forgetCode(OutboxMessage message) {
        if (verification(message) != null && message.templateData().containsKey("code")) log.redact(message.id(), "code");
    }

    /** A one-time code goes to the address being verified, and only there. */
    private static Recipient verification(OutboxMessage message) {
        var data = message.templateData();
        var email = data.get("verifyEmail");
        var phone = data.get("verifyPhone");
        if (email == null && phone == null) return null;
        var channel = email != null ? ChannelKind.EMAIL : ChannelKind.SMS;
        return new Recipient(message.customerId(), data.getOrDefault("language", "fr"), email, phone, List.of(channel),
                Map.of(OutboxMessage.Purpose.TRANSACTIONAL, java.util.Set.of(channel)), null);
    }

    /**
     * Someone without a profile (a guest order) is reached, for transactional messages only, at the contact they gave
     * with the order.
     */
    private static Recipient guest(OutboxMessage message) {
        var data = message.templateData();
        if (message.purpose() != OutboxMessage.Purpose.TRANSACTIONAL
                || (data.get("contactEmail") == null && data.get("contactPhone") == null)) {
            return null;
        }
        return new Recipient(message.customerId(), data.getOrDefault("language", "fr"), data.get("contactEmail"),
                data.get("contactPhone"), List.of(ChannelKind.SMS, ChannelKind.EMAIL),
                Map.of(OutboxMessage.Purpose.TRANSACTIONAL, java.util.Set.of(ChannelKind.SMS, ChannelKind.EMAIL)), null);
    }

    /**
     * A profile without a verified address (a guest whose order contact is not verified yet) is told about that order
     * at the contact given with it: transactional messages only.
     */
    private static Recipient orderContactFilling(Recipient recipient, OutboxMessage message) {
        var data = message.templateData();
        if (message.purpose() != OutboxMessage.Purpose.TRANSACTIONAL || recipient.email() != null || recipient.phone() != null) {
            return recipient;
        }
        return new Recipient(recipient.customerId(), recipient.language(), data.get("contactEmail"), data.get("contactPhone"),
                recipient.preferredOrder(), recipient.consented(), recipient.quietHours());
    }

    /** Exponential backoff with full jitter: spreads retries so a recovering provider is not hit all at once. */
    Duration backoff(int tryNo) {
        long cap = Math.min(policy.maxBackoff().toMillis(), policy.firstBackoff().toMillis() << Math.min(tryNo - 1, 16));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
    }

    private Envelope envelope(OutboxMessage message, Recipient recipient, ChannelKind kind) {
        var rendered = templates.render(message.kind(), recipient.language(), kind, message.templateData());
        var text = rendered.text();
        if (kind == ChannelKind.SMS) {
            var whole = SmsText.gsmFriendly(text);
            text = SmsText.fit(whole, policy.smsMaxSegments());
            // templates are written to fit: a shortened SMS means a template or its data outgrew the budget
            if (!text.equals(whole)) LOG.log(System.Logger.Level.WARNING, message.kind() + " SMS shortened to "
                    + policy.smsMaxSegments() + " segments");
        }
        var to = kind == ChannelKind.EMAIL ? recipient.address(kind)
                : PhoneNumbers.toE164(recipient.address(kind)).orElse(null);
        // an appointment's invitation: an email attaches it, the other channels have no place for it
        var calendar = kind == ChannelKind.EMAIL ? message.templateData().get("calendar") : null;
        return new Envelope(message.id(), kind, to, rendered.subject(), text, rendered.html(),
                message.purpose() != OutboxMessage.Purpose.TRANSACTIONAL, calendar);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
