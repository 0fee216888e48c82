package com.omnicanal.customer;

import com.omnicanal.outbox.Delivery;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A customer adds an email or phone to their profile by entering the one-time code sent to it (a loyalty card is
 * attached at once): an address becomes an identity of a profile only when that profile's holder proves it.
 */
public final class VerifyingIdentities {
    public static final String VERIFICATION = "IDENTITY_VERIFICATION";
    public static final int MAX_CODE_ATTEMPTS = 5;
    /** One-time codes sent per hour, to one customer and to one address (no SMS bombing through us). */
    public static final int MAX_CODES_PER_HOUR = 5;
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningIn signingIn;
    private final Customers customers;
    private final Clock clock;

    public VerifyingIdentities(SigningIn signingIn, Customers customers, Clock clock) {
        this.signingIn = signingIn;
        this.customers = customers;
        this.clock = clock;
    }

    /** A new email or phone gets a one-time code; a loyalty card is attached at once. */
    public Map<String, Object> add(Actor actor, String kindText, String typed) {
        var me = signingIn.profile(actor);
        var kind = IdentityValues.kind(kindText);
        var value = IdentityValues.normalize(kind, typed);
        var existing = customers.identity(kind, value);
        if (existing.isPresent() && existing.get().customerId().equals(me.id()) && existing.get().verified()) {
            return Map.of("kind", kind.name(), "value", value, "verified", true);
        }
        if (existing.isPresent() && !existing.get().customerId().equals(me.id()) && existing.get().verified()) {
            throw new DomainException.InvalidState("this " + IdentityValues.field(kind) + " is already used by another account");
        }
        if (kind == Identity.Kind.CARD) {
            if (!customers.claim(new Identity(kind, value, me.id(), true, now()), false)) {
                throw new DomainException.InvalidState("this loyalty card is already used by another account");
            }
            customers.save(me.withIdentity(kind, value, now()));
            return Map.of("kind", kind.name(), "value", value, "verified", true);
        }
        var code = String.format("%06d", RANDOM.nextInt(1_000_000));
        var data = new LinkedHashMap<String, String>();
        // in clear only for the dispatcher: the export never shows it and the dispatcher removes it once handed over
        data.put("code", code);
        var delivery = kind == Identity.Kind.EMAIL ? Delivery.verification(value, null, me.language())
                : Delivery.verification(null, value, me.language());
        var message = OutboxMessage.of(VERIFICATION, me.id(), VERIFICATION + "#" + Ids.newId(), delivery, data, now());
        if (!customers.challenge(new Customers.Challenge(me.id(), kind, value, CodeHash.of(me.id(), kind, value, code), 0,
                now().plus(CODE_LIFETIME)), message, MAX_CODES_PER_HOUR)) {
            throw new DomainException.TooMany("at most " + MAX_CODES_PER_HOUR + " codes an hour: try again later",
                    now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        }
        return Map.of("kind", kind.name(), "value", value, "verified", false, "codeSentTo", value,
                "expiresAt", now().plus(CODE_LIFETIME).toString());
    }

    /**
     * The right code makes the identity the caller's. An unverified claim on it by another profile (a number given at
     * the till) is taken from that profile: it proves nothing about who typed it, so nothing is merged or moved.
     */
    public Profile verify(Actor actor, String kindText, String typed, String code) {
        var me = signingIn.profile(actor);
        var kind = IdentityValues.kind(kindText);
        var value = IdentityValues.normalize(kind, typed);
        // the try is counted before the code is compared: however many come at once, at most MAX_CODE_ATTEMPTS are compared
        var counted = customers.countCodeTry(me.id(), kind, value, MAX_CODE_ATTEMPTS);
        if (counted instanceof Customers.CodeTry.NonePending) {
            throw new DomainException.InvalidInput("code", "no code is pending for this " + IdentityValues.field(kind));
        }
        if (counted instanceof Customers.CodeTry.Exhausted) {
            throw new DomainException.InvalidState("too many wrong codes for this " + IdentityValues.field(kind)
                    + ": ask for a new one");
        }
        var challenge = ((Customers.CodeTry.Counted) counted).challenge();
        if (now().isAfter(challenge.expiresAt())) throw new DomainException.InvalidInput("code", "has expired: ask for a new one");
        if (code == null || !CodeHash.matches(challenge.codeHash(), me.id(), kind, value, code.strip())) {
            int left = MAX_CODE_ATTEMPTS - challenge.attempts();
            throw new DomainException.InvalidInput("code", left > 0 ? "is wrong, " + left + " tries left" : "is wrong: ask for a new one");
        }
        if (!customers.claim(new Identity(kind, value, me.id(), true, now()), true)) {
            throw new DomainException.InvalidState("this " + IdentityValues.field(kind) + " is already used by another account");
        }
        customers.clearChallenge(challenge);
        var next = signingIn.profile(actor).withIdentity(kind, value, now());
        customers.save(next);
        return next;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
