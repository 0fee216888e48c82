package com.omnicanal.reward;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;

/**
 * A single-use discount code, bound to its owner and expiring: a percentage off as thanks for answering a questionnaire
 * ({@code questionnaireId}), or an amount off bought with loyalty points ({@code points}). One mechanism for both: the
 * same codes, the same store, the same redemption online or at the till.
 */
public record RewardCode(String code, String owner, String questionnaireId, int percentOff, Instant expiresAt,
                         Instant redeemedAt, long amountOffCents, long points) {
    // no 0/O, 1/I/L: read aloud at the till or typed from an SMS without doubt
    private static final char[] ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** What a thanks code starts with. */
    public static final String THANKS = "MERCI";
    /** What a code bought with points starts with. */
    public static final String POINTS = "FIDEL";

    /** The prefix and 12 random characters: about 59 bits, so guessing one is hopeless within any rate limit. */
    public static String newCode(String prefix) {
        var sb = new StringBuilder(prefix).append('-');
        for (int i = 0; i < 12; i++) {
            if (i == 4 || i == 8) sb.append('-');
            sb.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        }
        return sb.toString();
    }

    public static String normalize(String typed) {
        return typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
    }

    public RewardCode redeemed(Instant at) {
        return new RewardCode(code, owner, questionnaireId, percentOff, expiresAt, at, amountOffCents, points);
    }
}
