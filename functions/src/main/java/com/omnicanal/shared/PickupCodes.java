package com.omnicanal.shared;

import java.security.SecureRandom;

/**
 * Short codes without look-alike characters (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), read aloud or typed on a tablet: an
 * order's pickup code, a return's code.
 */
public final class PickupCodes {
    public static final String ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    public static final int LENGTH = 6;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PickupCodes() {
    }

    public static String next() {
        var code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        return code.toString();
    }

    /** What staff type, read leniently: case and spaces do not matter. */
    public static String normalize(String typed) {
        return typed == null ? "" : typed.replaceAll("\\s+", "").toUpperCase(java.util.Locale.ROOT);
    }
}
