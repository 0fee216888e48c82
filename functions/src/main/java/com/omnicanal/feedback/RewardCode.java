package com.omnicanal.feedback;

import java.security.SecureRandom;
import java.time.Instant;

/** A single-use discount code given as thanks: bound to whoever answered, expiring. */
public record RewardCode(String code, String owner, String questionnaireId, int percentOff, Instant expiresAt,
                         Instant redeemedAt) {
    // no 0/O, 1/I/L: read aloud at the till or typed from an SMS without doubt
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** MERCI- and 12 random characters: about 59 bits, so guessing one is hopeless within any rate limit. */
    public static String newCode() {
        var sb = new StringBuilder("MERCI-");
        for (int i = 0; i < 12; i++) {
            if (i == 4 || i == 8) sb.append('-');
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toUpperCase(java.util.Locale.ROOT);
    }
}
