package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.BusinessMetrics.Figure;
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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one outbox message: picks the channel from consent and preference, falls back when a channel fails for good,
 * retries with backoff when it fails for now, defers marketing in quiet hours, logs every attempt, and tells
 * {@link SentMessages} what a channel took.
 */
public final class Dispatcher {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** What became of the message; RETRY asks the caller to have it delivered again later. */
    public enum Result { SENT, DEFERRED, FAILED, RETRY, SKIPPED, WITHHELD }

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

    /** Attempt statuses of a hand-over whose outcome is unknown, and of the look-ups that settle it. */
    static final String HANDING_OVER = "handing-over", UNKNOWN = "unknown", LOOKUP_FAILED = "lookup-failed",
            FOUND_AT_PROVIDER = "found-at-provider", NOT_FOUND_AT_PROVIDER = "not-found-at-provider";
    /** Our clock and the provider's may differ by this much: a look-up starts that much earlier. */
    private static final Duration PROVIDER_CLOCK_SKEW = Duration.ofMinutes(2);

    private final DeliveryLog log;
    private final ContactBook contacts;
    private final Templates templates;
    private final Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
    private final Policy policy;
    private final Clock clock;
    private final Sleeper sleeper;
    private final SentMessages sentMessages;
    private final BusinessMetrics metrics;
    private final MarketingAllowances allowances;

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper) {
        this(log, contacts, templates, channels, policy, clock, sleeper, SentMessages.NONE);
    }

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper, SentMessages sent) {
        this(log, contacts, templates, channels, policy, clock, sleeper, sent, BusinessMetrics.NONE);
    }

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper, SentMessages sent, BusinessMetrics metrics) {
        this(log, contacts, templates, channels, policy, clock, sleeper, sent, metrics, MarketingAllowances.UNLIMITED);
    }

    public Dispatcher(DeliveryLog log, ContactBook contacts, Templates templates, List<Channel> channels, Policy policy,
                      Clock clock, Sleeper sleeper, SentMessages sent, BusinessMetrics metrics,
                      MarketingAllowances allowances) {
        this.allowances = allowances;
        this.metrics = metrics;
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
        var delivery = message.delivery();
        var recipient = exclusive(message);
        if (recipient == null) {
            recipient = contacts.find(message.customerId()).map(r -> orderContactFilling(r, message))
                    .orElseGet(() -> guest(message));
        }
        if (recipient == null) return failed(message, "unknown-customer", now);
        boolean mayWait = delivery.purpose() != OutboxMessage.Purpose.TRANSACTIONAL
                && delivery.urgency() == OutboxMessage.Urgency.NORMAL;
        if (mayWait && recipient.quietHours() != null && recipient.quietHours().contains(now)) {
            log.defer(messageId, recipient.quietHours().nextAllowed(now), now);
            return Result.DEFERRED;
        }
        // a message that only makes sense on some channels (a reward code to keep: email) never falls back to others
        var candidates = recipient.channelsFor(delivery.purpose()).stream().filter(delivery.channels()::contains).toList();
        boolean marketing = delivery.purpose() == OutboxMessage.Purpose.MARKETING;
        if (candidates.isEmpty() && !marketing) return failed(message, "no-consented-channel", now);
        if (!log.claim(messageId, now, policy.lease())) return Result.SKIPPED;
        // marketing goes only with consent and within the fatigue rules; otherwise it is withheld for good, not retried
        var withheldFor = !marketing ? Optional.<String>empty() : candidates.isEmpty() ? Optional.of("no-consented-channel")
                : allowances.take(recipient.customerId(), messageId, now);
        if (withheldFor.isPresent()) return withheld(message, withheldFor.get(), now);

        // channels that already failed for good on an earlier delivery of this message are not tried again
        var burnt = new HashSet<ChannelKind>();
        for (var attempt : record.attempts()) {
            if ("failed-permanently".equals(attempt.status())) burnt.add(attempt.channel());
        }
        boolean transientFailure = false;
        String lastReason = "no-channel-available";
        ChannelKind failedForGood = null;
        for (var kind : candidates) {
            var channel = channels.get(kind);
            if (channel == null || burnt.contains(kind)) continue;
            // the channel before this one failed for good: the message falls back from it to this one
            if (failedForGood != null) metrics.count(Figure.MESSAGES_FELL_BACK, failedForGood.name(), about(message, kind));
            failedForGood = null;
            Envelope envelope;
            try {
                envelope = envelope(message, recipient, kind);
            } catch (Templates.MissingData e) {
                // the producer wrote less than the template says: no retry fixes that, another channel's template may
                LOG.log(System.Logger.Level.ERROR, "message " + messageId + " cannot be rendered: " + e.getMessage());
                log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", "template-error", now()));
                lastReason = kind + ":template-error";
                failedForGood = channelFailed(kind, message, "template-error");
                continue;
            }
            if (envelope.to() == null) {
                // what the profile holds is not a phone number libphonenumber accepts: no provider call can fix that
                log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", "invalid-address", now()));
                lastReason = kind + ":invalid-address";
                failedForGood = channelFailed(kind, message, "invalid-address");
                continue;
            }
            var traceable = channel instanceof TraceableChannel t ? t : null;
            // an earlier delivery handed this message over and never learnt what became of it
            var unresolved = traceable == null ? null : unresolvedHandOver(record.attempts(), kind);
            for (int tryNo = 1; tryNo <= policy.triesPerChannel(); tryNo++) {
                // checked under the claim, before every hand-over: an erasure waits for claimed messages, so nothing
                // reaches the person once it has answered, whatever contact the message carries
                if (forgottenIfErased(message, now())) return Result.FAILED;
                if (unresolved != null) {
                    java.util.Optional<String> found;
                    try {
                        found = traceable.findSent(envelope, unresolved.minus(PROVIDER_CLOCK_SKEW));
                    } catch (TraceableChannel.LookupFailed e) {
                        log.recordAttempt(messageId, new Attempt(kind, null, LOOKUP_FAILED, "lookup", now()));
                        lastReason = kind + ":lookup-failed";
                        transientFailure = true;
                        break;
                    }
                    var at = now();
                    if (found.isPresent()) {
                        log.recordAttempt(messageId, new Attempt(kind, found.get(), FOUND_AT_PROVIDER, null, at, envelope.smsSegments()));
                        log.markSent(messageId, kind, found.get(), at);
                        sentMessages.sent(message, at);
                        forgetCode(message);
                        return Result.SENT;
                    }
                    log.recordAttempt(messageId, new Attempt(kind, null, NOT_FOUND_AT_PROVIDER, null, at));
                    unresolved = null;
                }
                if (traceable != null) {
                    // written before the call: if this dispatcher dies waiting for the answer, the next one asks first
                    var handingOver = now();
                    log.recordAttempt(messageId, new Attempt(kind, null, HANDING_OVER, null, handingOver));
                    unresolved = handingOver;
                }
                var outcome = channel.send(envelope);
                var at = now();
                if (outcome instanceof SendOutcome.Sent sent) {
                    log.recordAttempt(messageId, new Attempt(kind, sent.providerId(), "sent", null, at, envelope.smsSegments()));
                    log.markSent(messageId, kind, sent.providerId(), at);
                    metrics.count(Figure.MESSAGES_SENT, kind.name(), about(message, kind));
                    sentMessages.sent(message, at);
                    forgetCode(message);
                    return Result.SENT;
                }
                if (outcome instanceof SendOutcome.Permanent p) {
                    log.recordAttempt(messageId, new Attempt(kind, null, "failed-permanently", p.code(), at));
                    lastReason = kind + ":" + p.code();
                    transientFailure = false;
                    failedForGood = channelFailed(kind, message, p.code());
                    break;
                }
                if (outcome instanceof SendOutcome.Unknown u) {
                    // the provider may have taken it: the next try asks it first instead of sending again blindly
                    log.recordAttempt(messageId, new Attempt(kind, null, UNKNOWN, u.code(), at));
                    lastReason = kind + ":" + u.code();
                } else {
                    var t = (SendOutcome.Transient) outcome;
                    log.recordAttempt(messageId, new Attempt(kind, null, "failed-transiently", t.code(), at));
                    lastReason = kind + ":" + t.code();
                    unresolved = null;
                }
                transientFailure = true;
                if (tryNo < policy.triesPerChannel()) sleeper.sleep(backoff(tryNo));
            }
            // a channel that is only failing for now is retried later rather than skipped for a worse one
            if (transientFailure) {
                channelFailed(kind, message, lastReason.substring(lastReason.indexOf(':') + 1));
                break;
            }
        }
        if (transientFailure) {
            log.markRetry(messageId, lastReason, now().plus(policy.retryLater()), now());
            return Result.RETRY;
        }
        return failed(message, lastReason, now());
    }

    /** Told once the channel's attempt is recorded; returns the channel, failed. */
    private ChannelKind channelFailed(ChannelKind kind, OutboxMessage message, String reason) {
        var context = new java.util.HashMap<>(about(message, kind));
        context.put("reason", reason);
        metrics.count(Figure.MESSAGES_FAILED, kind.name(), context);
        return kind;
    }

    /** What tells a message apart in the logs beside a figure: its kind and channel, never its recipient. */
    private static Map<String, String> about(OutboxMessage message, ChannelKind kind) {
        return Map.of("messageKind", message.kind(), "channel", kind.name());
    }

    /**
     * When the last hand-over on this channel was never answered (no outcome recorded after it, or a timeout) and not
     * looked up since: its time, else null.
     */
    static Instant unresolvedHandOver(List<Attempt> attempts, ChannelKind kind) {
        Instant since = null;
        for (var attempt : attempts) {
            if (attempt.channel() != kind) continue;
            switch (attempt.status()) {
                case HANDING_OVER -> since = attempt.at();
                // a timeout or a failed look-up leaves the question open
                case UNKNOWN, LOOKUP_FAILED -> {
                    if (since == null) since = attempt.at();
                }
                default -> since = null;
            }
        }
        return since;
    }

    /** Failed for good (no channel left, or none to try); a message of an erased customer also loses its contents. */
    private Result failed(OutboxMessage message, String reason, Instant now) {
        if (!forgottenIfErased(message, now)) {
            log.markFailed(message.id(), reason, now);
            forgetCode(message);
        }
        return Result.FAILED;
    }

    /** Withheld on purpose (consent, fatigue): final, with its reason; a message of an erased customer is forgotten. */
    private Result withheld(OutboxMessage message, String reason, Instant now) {
        if (forgottenIfErased(message, now)) return Result.FAILED;
        log.markWithheld(message.id(), reason, now);
        return Result.WITHHELD;
    }

    /** A message of an erased customer ends by losing its contents, whatever else would have been recorded. */
    private boolean forgottenIfErased(OutboxMessage message, Instant now) {
        if (!contacts.erased(message.customerId())) return false;
        log.forget(message.id(), "anon-" + Ids.newId(), now);
        return true;
    }

    /** A one-time code is kept only until its message is sent or has failed for good: never readable afterwards. */
    private void forgetCode(OutboxMessage message) {
        if (exclusive(message) != null && message.templateData().containsKey("code")) log.redact(message.id(), "code");
    }

    /** A one-time code goes to the address being verified, and only there. */
    private static Recipient exclusive(OutboxMessage message) {
        var delivery = message.delivery();
        var contact = delivery.contact();
        if (contact == null || !contact.exclusive()) return null;
        return new Recipient(message.customerId(), language(contact), contact.email(), contact.phone(),
                delivery.channels().stream().sorted().toList(), Map.of(delivery.purpose(), delivery.channels()), null);
    }

    /**
     * Someone without a profile (a guest order) is reached, for transactional messages only, at the contact they gave
     * with the order.
     */
    private static Recipient guest(OutboxMessage message) {
        var contact = message.delivery().contact();
        if (message.delivery().purpose() != OutboxMessage.Purpose.TRANSACTIONAL || contact == null) return null;
        return new Recipient(message.customerId(), language(contact), contact.email(), contact.phone(),
                List.of(ChannelKind.SMS, ChannelKind.EMAIL),
                Map.of(OutboxMessage.Purpose.TRANSACTIONAL, java.util.Set.of(ChannelKind.SMS, ChannelKind.EMAIL)), null);
    }

    /**
     * A profile without a verified address (a guest whose order contact is not verified yet) is told about that order
     * at the contact given with it: transactional messages only.
     */
    private static Recipient orderContactFilling(Recipient recipient, OutboxMessage message) {
        var contact = message.delivery().contact();
        if (message.delivery().purpose() != OutboxMessage.Purpose.TRANSACTIONAL || contact == null
                || recipient.email() != null || recipient.phone() != null) {
            return recipient;
        }
        return new Recipient(recipient.customerId(), recipient.language(), contact.email(), contact.phone(),
                recipient.preferredOrder(), recipient.consented(), recipient.quietHours());
    }

    private static String language(Delivery.Contact contact) {
        return contact.language() == null ? "fr" : contact.language();
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
                message.delivery().purpose() != OutboxMessage.Purpose.TRANSACTIONAL, calendar);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
