package com.omnicanal.messaging;

import com.omnicanal.outbox.OutboxMessage.Purpose;
import java.text.Normalizer;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;

/**
 * Inbound SMS keywords: STOP (and ARRET, UNSUBSCRIBE and the words Twilio itself honours) withdraws SMS marketing and
 * feedback consent at once; START gives it back; HELP / AIDE explains. The reply is in the customer's language.
 */
public final class SmsKeywords {
    private static final Set<String> STOP = Set.of("STOP", "ARRET", "ARRETER", "UNSUBSCRIBE", "END", "QUIT", "STOPALL",
            "REVOKE", "OPTOUT", "CANCEL", "DESABONNER");
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP", "OUI");
    private static final Set<String> HELP = Set.of("HELP", "AIDE", "INFO");

    public enum Keyword { STOP, START, HELP, OTHER }

    private final ContactBook contacts;
    private final Clock clock;

    public SmsKeywords(ContactBook contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    public static Keyword parse(String body) {
        if (body == null) return Keyword.OTHER;
        var words = Normalizer.normalize(body.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT).split("[^A-Z]+");
        var first = words.length == 0 ? "" : words[0];
        if (first.isEmpty() && words.length > 1) first = words[1];
        if (STOP.contains(first)) return Keyword.STOP;
        if (START.contains(first)) return Keyword.START;
        if (HELP.contains(first)) return Keyword.HELP;
        return Keyword.OTHER;
    }

    /** SMS marketing and feedback go together: both are the texts a STOP is about. */
    private void decideSms(String customerId, boolean granted, String source, java.time.Instant at) {
        contacts.decide(customerId, Purpose.MARKETING, ChannelKind.SMS, granted, source, at);
        contacts.decide(customerId, Purpose.FEEDBACK, ChannelKind.SMS, granted, source, at);
    }

    /** Acts on the message and returns the reply to send back (null: no reply). */
    public String handle(String fromPhone, String body) {
        var keyword = parse(body);
        var e164 = PhoneNumbers.toE164(fromPhone).orElse(fromPhone);
        var customer = contacts.customerByPhone(e164);
        var english = customer.flatMap(contacts::find).map(r -> "en".equals(r.language())).orElse(false);
        var now = clock.instant();
        switch (keyword) {
            case STOP -> {
                customer.ifPresent(id -> decideSms(id, false, "sms-stop", now));
                return english ? "Omnicanal: you will no longer receive marketing texts. Reply START to subscribe again."
                        : "Omnicanal : vous ne recevrez plus de SMS marketing. Répondez START pour vous réabonner.";
            }
            case START -> {
                customer.ifPresent(id -> decideSms(id, true, "sms-start", now));
                return english ? "Omnicanal: you are subscribed to our texts again. Reply STOP to unsubscribe."
                        : "Omnicanal : vous êtes de nouveau abonné(e) à nos SMS. Répondez STOP pour vous désabonner.";
            }
            case HELP -> {
                return english ? "Omnicanal customer service: omnicanal.example/help. Reply STOP to unsubscribe."
                        : "Service client Omnicanal : omnicanal.example/aide. Répondez STOP pour vous désabonner.";
            }
            default -> {
                return null;
            }
        }
    }
}
