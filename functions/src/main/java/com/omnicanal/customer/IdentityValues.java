package com.omnicanal.customer;

import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.shared.DomainException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What an email, phone number or loyalty card is once typed: the one value we store for it, or why it is none. */
public final class IdentityValues {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[A-Za-z]{2,}$");
    private static final Pattern CARD = Pattern.compile("^[0-9]{8,19}$");

    private IdentityValues() {
    }

    /** email, phone or card, in either case (openapi.yaml lists which a route takes). */
    static Identity.Kind kind(String text) {
        return Identity.Kind.valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** E.164 for a phone, lower case for an email, digits only for a card. */
    public static String normalize(Identity.Kind kind, String typed) {
        if (typed == null || typed.isBlank()) throw new DomainException.InvalidInput(field(kind), "is required");
        return switch (kind) {
            case PHONE -> PhoneNumbers.toE164(typed)
                    .orElseThrow(() -> new DomainException.InvalidInput("phone", "is not a phone number"));
            case EMAIL -> {
                var email = typed.strip().toLowerCase(Locale.ROOT);
                if (!EMAIL.matcher(email).matches()) throw new DomainException.InvalidInput("email", "is not an email address");
                yield email;
            }
            case CARD -> {
                var digits = typed.replaceAll("[\\s-]", "");
                if (!CARD.matcher(digits).matches()) throw new DomainException.InvalidInput("card", "is 8 to 19 digits");
                yield digits;
            }
        };
    }

    /** "email", "phone" or "card": the field a message about it names. */
    static String field(Identity.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
