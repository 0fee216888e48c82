package com.omnicanal.infrastructure.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Hides personal data in log text: emails keep their first letter and domain, phone numbers their last two digits. */
public final class Masking {
    private static final Pattern EMAIL =
            Pattern.compile("([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})");
    /** E.164 (+33612345678, whatsapp:+33...) and French national numbers as people type them (06 12 34 56 78). */
    private static final Pattern PHONE =
            Pattern.compile("(?<![\\w.-])(\\+\\d{6,13}|0\\d(?:[ .-]?\\d{2}){3}[ .-]?)(\\d{2})(?![\\w-])");

    private Masking() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) return text;
        var emails = EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "***@" + m.group(2)));
        return PHONE.matcher(emails).replaceAll(m -> Matcher.quoteReplacement(
                (m.group(1).startsWith("+") ? "+" : "") + "*".repeat(6) + m.group(2)));
    }
}
