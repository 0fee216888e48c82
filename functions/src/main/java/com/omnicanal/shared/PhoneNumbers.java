package com.omnicanal.shared;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.Optional;

/** Phone numbers as people type them ("06 12 34 56 78", "+33 6...") to E.164, French by default (libphonenumber). */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    public static Optional<String> toE164(String typed, String defaultRegion) {
        if (typed == null || typed.isBlank() || typed.length() > 40) return Optional.empty();
        try {
            var number = UTIL.parse(typed, defaultRegion);
            if (!UTIL.isValidNumber(number)) return Optional.empty();
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<String> toE164(String typed) {
        return toE164(typed, "FR");
    }
}
