package com.omnicanal.reward;

import com.omnicanal.shared.DomainException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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

    /** The same code, given to {@code customerId} (the survivor of a merge, an erasure's anonymous id). */
    public RewardCode ownedBy(String customerId) {
        return new RewardCode(code, customerId, questionnaireId, percentOff, expiresAt, redeemedAt, amountOffCents, points);
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(ZoneOffset.UTC);

    /**
     * The code, if it can be used now by {@code customerId} (null: staff at the till, for whoever is in front of them):
     * someone else's code is told as unknown, a used one as such, an expired one as gone. The write that uses it checks
     * the same again, in its condition.
     */
    public RewardCode usableBy(String customerId, Instant now) {
        if (customerId != null && !owner.equals(customerId)) throw new DomainException.NotFound("no reward code " + code);
        if (redeemedAt != null) throw new DomainException.InvalidState("this code was already used");
        if (!now.isBefore(expiresAt)) throw new DomainException.Gone("this code expired on " + DAY.format(expiresAt));
        return this;
    }

    /**
     * What this code takes off an order of {@code totalCents} of {@code customerId}'s (any channel, online or sold by
     * staff for them), checked before the order's write for a clear answer: someone else's is unknown (404), one not
     * bought with points or worth more than the order is refused (400). Used or expired is left to the order's write,
     * whose condition decides, so the same order sent again with its key is replayed, not refused.
     */
    public int amountOffOrder(String customerId, int totalCents) {
        if (!owner.equals(customerId)) throw new DomainException.NotFound("no reward code " + code);
        if (points <= 0 || amountOffCents <= 0) {
            throw new DomainException.InvalidInput("rewardCode", "is not a code bought with loyalty points");
        }
        if (amountOffCents > totalCents) {
            throw new DomainException.InvalidInput("rewardCode", "is worth " + amountOffCents
                    + " cents, more than the order's " + totalCents + ": keep it for a larger order");
        }
        return (int) amountOffCents;
    }

    /** Why an order's write refused this code: expired (410), or used meanwhile (409, by another order or at the till). */
    public DomainException refusedToOrder(String customerId, Instant now) {
        usableBy(customerId, now);
        return new DomainException.InvalidState("this code was already used");
    }
}
