package com.omnicanal.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a challenge keeps of its one-time code: a random salt and HMAC-SHA256(salt, customer, address, code). Never the
 * code, and a value that checks only that code, for that customer and that address (no table of a million hashes
 * reverses it, and it cannot be replayed into another challenge).
 */
final class CodeHash {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CodeHash() {
    }

    static String of(String customerId, Identity.Kind kind, String value, String code) {
        var salt = new byte[16];
        RANDOM.nextBytes(salt);
        var hex = HexFormat.of().formatHex(salt);
        return hex + ":" + mac(salt, customerId, kind, value, code);
    }

    static boolean matches(String stored, String customerId, Identity.Kind kind, String value, String code) {
        int colon = stored.indexOf(':');
        if (colon < 0) return false;
        var expected = stored.substring(colon + 1);
        var actual = mac(HexFormat.of().parseHex(stored.substring(0, colon)), customerId, kind, value, code);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }

    private static String mac(byte[] salt, String customerId, Identity.Kind kind, String value, String code) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(salt, "HmacSHA256"));
            var text = customerId + "\n" + kind + "\n" + value + "\n" + code;
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
