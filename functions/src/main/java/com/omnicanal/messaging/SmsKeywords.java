package com.omnicanal.messaging;

import com.omnicanal.outbox.OutboxMessage.Purpose;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.PhoneNumbers;
import java.text.Normalizer;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Inbound SMS keywords, matched like Twilio matches its own: the whole message is the keyword, once trimmed of spaces
 * and punctuation, whatever its case and accents ("Stop." and " arrêt " are; "STOP please" and "Oui merci" are not).
 * STOP withdraws SMS marketing and feedback consent at once; START, YES or UNSTOP gives back only what an earlier
 * STOP by text withdrew, never a consent the customer did not give; HELP / AIDE explains; any other text changes
 * nothing. Each inbound text is applied once (Twilio's MessageSid), in the order it reached us.
 */
public final class SmsKeywords {
    // Twilio's opt-out words, plus the French ones
    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "REVOKE", "OPTOUT",
            "CANCEL", "ARRET", "ARRETER", "DESABONNER");
    // Twilio's opt-in words: they undo a STOP, they are not an opt-in of their own
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "AIDE", "INFO");
    private static final Pattern EDGES = Pattern.compile("^[\\p{Z}\\s\\p{P}]+|[\\p{Z}\\s\\p{P}]+$");

    /** The texts a STOP is about; transactional texts need no consent and keep going. */
    public static final Set<Purpose> STOP_PURPOSES = EnumSet.of(Purpose.MARKETING, Purpose.FEEDBACK);

    public enum Keyword { STOP, START, HELP, OTHER }

    private final ContactBook contacts;
    private final SmsOptOuts optOuts;
    private final Clock clock;
    private final BusinessMetrics metrics;

    public SmsKeywords(ContactBook contacts, SmsOptOuts optOuts, Clock clock) {
        this(contacts, optOuts, clock, BusinessMetrics.NONE);
    }

    public SmsKeywords(ContactBook contacts, SmsOptOuts optOuts, Clock clock, BusinessMetrics metrics) {
        this.metrics = metrics;
        this.contacts = contacts;
        this.optOuts = optOuts;
        this.clock = clock;
    }

    public static Keyword parse(String body) {
        if (body == null) return Keyword.OTHER;
        var word = EDGES.matcher(Normalizer.normalize(body, Normalizer.Form.NFD).replaceAll("\\p{M}", ""))
                .replaceAll("").toUpperCase(Locale.ROOT);
        if (STOP.contains(word)) return Keyword.STOP;
        if (START.contains(word)) return Keyword.START;
        if (HELP.contains(word)) return Keyword.HELP;
        return Keyword.OTHER;
    }

    /**
     * Acts on the text Twilio received as {@code messageSid} and returns the reply to send back (null: no reply, as
     * for any other text or for a text already acted on).
     */
    public String handle(String messageSid, String fromPhone, String body) {
        var keyword = parse(body);
        if (keyword == Keyword.OTHER) return null;
        if (keyword != Keyword.HELP && (messageSid == null || messageSid.isBlank())) {
            throw new DomainException.InvalidInput("MessageSid", "is required: a keyword is applied once per message");
        }
        var e164 = PhoneNumbers.toE164(fromPhone).orElse(fromPhone);
        var customer = contacts.customerByPhone(e164);
        var english = customer.flatMap(contacts::find).map(r -> "en".equals(r.language())).orElse(false);
        // no time of receipt in Twilio's inbound webhook: ours, taken once per MessageSid, orders the decisions
        var receivedAt = clock.instant();
        switch (keyword) {
            case STOP -> {
                if (optOuts.stop(messageSid, customer.orElse(null), STOP_PURPOSES, receivedAt)
                        == SmsOptOuts.Outcome.ALREADY_APPLIED) return null;
                metrics.count(BusinessMetrics.Figure.STOP_RECEIVED, java.util.Map.of("known", customer.isPresent() ? "yes" : "no"));
                return english ? "Omnicanal: you will no longer receive marketing texts. Reply START to subscribe again."
                        : "Omnicanal : vous ne recevrez plus de SMS marketing. Répondez START pour vous réabonner.";
            }
            case START -> {
                return switch (optOuts.start(messageSid, customer.orElse(null), STOP_PURPOSES, receivedAt)) {
                    case ALREADY_APPLIED -> null;
                    case CHANGED -> english
                            ? "Omnicanal: you are subscribed to our texts again. Reply STOP to unsubscribe."
                            : "Omnicanal : vous êtes de nouveau abonné(e) à nos SMS. Répondez STOP pour vous désabonner.";
                    case UNCHANGED -> english
                            ? "Omnicanal: there was no text subscription to restore. Your preferences: omnicanal.example/account"
                            : "Omnicanal : aucun abonnement SMS à rétablir. Vos préférences : omnicanal.example/compte";
                };
            }
            default -> {
                return english ? "Omnicanal customer service: omnicanal.example/help. Reply STOP to unsubscribe."
                        : "Service client Omnicanal : omnicanal.example/aide. Répondez STOP pour vous désabonner.";
            }
        }
    }
}
