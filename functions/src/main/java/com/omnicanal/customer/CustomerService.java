package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.PhoneNumbers;
import com.omnicanal.outbox.OutboxMessage;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.Ids;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The single customer view: profile, identities verified by one-time codes, consents, merge, timeline and GDPR.
 * A token acts on the profile of its own sign-in and on nothing else: an email or phone becomes an identity of a
 * profile only when that profile's holder enters the code sent to it, and no profile anyone signs in to is ever
 * merged away (SECURITY.md, "Identities, merges and erasure").
 */
public final class CustomerService {
    public static final String VERIFICATION = "IDENTITY_VERIFICATION";
    /** Profiles staff register at the till have ids of our own making, never the subject of a sign-in. */
    public static final String WALK_IN = "store-";
    public static final int MAX_CODE_ATTEMPTS = 5;
    /** One-time codes sent per hour, to one customer and to one address (no SMS bombing through us). */
    public static final int MAX_CODES_PER_HOUR = 5;
    public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[A-Za-z]{2,}$");
    private static final Pattern CARD = Pattern.compile("^[0-9]{8,19}$");
    private static final Set<String> CHANNELS = Set.of("WHATSAPP", "SMS", "EMAIL");
    private static final Set<String> PURPOSES = Set.of("TRANSACTIONAL", "MARKETING", "FEEDBACK");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Catalog catalog;
    private final Customers customers;
    private final CustomerHistory history;
    private final Clock clock;

    public CustomerService(Catalog catalog, Customers customers, CustomerHistory history, Clock clock) {
        this.catalog = catalog;
        this.customers = customers;
        this.history = history;
        this.clock = clock;
    }

    /**
     * The caller's profile, created at first sign-in. A token never follows {@code mergedInto}: the profile it was
     * merged into belongs to someone who proved their own identities, not to whoever holds this token.
     */
    public Profile me(Actor actor) {
        if (actor.id().startsWith(WALK_IN)) throw new DomainException.Forbidden("no sign-in acts as a profile registered at a till");
        var profile = customers.createIfAbsent(Profile.fresh(actor.id(), now()));
        if (profile.status() == Profile.Status.MERGED) {
            throw new DomainException.Forbidden("this profile was merged into another account: sign in with that account");
        }
        return profile;
    }

    public Profile update(Actor actor, ProfilePatch patch) {
        var current = me(actor);
        var violations = new ArrayList<DomainException.Violation>();
        if (patch.firstName() != null && (patch.firstName().isBlank() || patch.firstName().length() > 100)) {
            violations.add(new DomainException.Violation("firstName", "must be 1 to 100 characters"));
        }
        if (patch.lastName() != null && (patch.lastName().isBlank() || patch.lastName().length() > 100)) {
            violations.add(new DomainException.Violation("lastName", "must be 1 to 100 characters"));
        }
        if (patch.language() != null && !Set.of("fr", "en").contains(patch.language())) {
            violations.add(new DomainException.Violation("language", "must be fr or en"));
        }
        if (patch.preferredChannels() != null && (!CHANNELS.containsAll(patch.preferredChannels())
                || Set.copyOf(patch.preferredChannels()).size() != patch.preferredChannels().size())) {
            violations.add(new DomainException.Violation("preferredChannels", "each of WHATSAPP, SMS, EMAIL at most once"));
        }
        if (patch.quietHours() != null) violations.addAll(patch.quietHours().violations());
        if (patch.homeStoreId() != null && catalog.store(patch.homeStoreId()).isEmpty()) {
            violations.add(new DomainException.Violation("homeStoreId", "is not a store"));
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var next = current.with(or(patch.firstName(), current.firstName()), or(patch.lastName(), current.lastName()),
                or(patch.language(), current.language()),
                patch.preferredChannels() == null ? current.preferredChannels() : patch.preferredChannels(),
                patch.removeQuietHours() ? null : patch.quietHours() == null ? current.quietHours() : patch.quietHours(),
                or(patch.homeStoreId(), current.homeStoreId()), now());
        customers.save(next);
        return next;
    }

    // ---- identities -------------------------------------------------------------------------------------------------

    /** A new email or phone gets a one-time code; a loyalty card is attached at once. */
    public Map<String, Object> addIdentity(Actor actor, String kindText, String typed) {
        var me = me(actor);
        var kind = kind(kindText);
        var value = normalize(kind, typed);
        var existing = customers.identity(kind, value);
        if (existing.isPresent() && existing.get().customerId().equals(me.id()) && existing.get().verified()) {
            return Map.of("kind", kind.name(), "value", value, "verified", true);
        }
        if (existing.isPresent() && !existing.get().customerId().equals(me.id()) && existing.get().verified()) {
            throw new DomainException.InvalidState("this " + kind.name().toLowerCase(Locale.ROOT) + " is already used by another account");
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
        data.put("language", me.language());
        data.put(kind == Identity.Kind.EMAIL ? "verifyEmail" : "verifyPhone", value);
        var message = OutboxMessage.transactional(VERIFICATION, me.id(), VERIFICATION + "#" + Ids.newId(), data, now());
        if (!customers.challenge(new Customers.Challenge(me.id(), kind, value, CodeHash.of(me.id(), kind, value, code), 0,
                now().plus(CODE_LIFETIME)), message, MAX_CODES_PER_HOUR)) {
            throw new DomainException.TooMany("at most " + MAX_CODES_PER_HOUR + " codes an hour: try again later",
                    now().truncatedTo(java.time.temporal.ChronoUnit.HOURS).plus(Duration.ofHours(1)));
        }
        return Map.of("kind", kind.name(), "value", value, "verified", false, "codeSentTo", value,
                "expiresAt", now().plus(CODE_LIFETIME).toString());
    }

    /**
     * The right code makes the identity the caller's. An unverified claim on it by another profile (a number given at
     * the till) is taken from that profile: it proves nothing about who typed it, so nothing is merged or moved.
     */
    public Profile verify(Actor actor, String kindText, String typed, String code) {
        var me = me(actor);
        var kind = kind(kindText);
        var value = normalize(kind, typed);
        // the try is counted before the code is compared: however many come at once, at most MAX_CODE_ATTEMPTS are compared
        var counted = customers.countCodeTry(me.id(), kind, value, MAX_CODE_ATTEMPTS);
        if (counted instanceof Customers.CodeTry.NonePending) {
            throw new DomainException.InvalidInput("code", "no code is pending for this " + kind.name().toLowerCase(Locale.ROOT));
        }
        if (counted instanceof Customers.CodeTry.Exhausted) {
            throw new DomainException.InvalidState("too many wrong codes for this " + kind.name().toLowerCase(Locale.ROOT)
                    + ": ask for a new one");
        }
        var challenge = ((Customers.CodeTry.Counted) counted).challenge();
        if (now().isAfter(challenge.expiresAt())) throw new DomainException.InvalidInput("code", "has expired: ask for a new one");
        if (code == null || !CodeHash.matches(challenge.codeHash(), me.id(), kind, value, code.strip())) {
            int left = MAX_CODE_ATTEMPTS - challenge.attempts();
            throw new DomainException.InvalidInput("code", left > 0 ? "is wrong, " + left + " tries left" : "is wrong: ask for a new one");
        }
        if (!customers.claim(new Identity(kind, value, me.id(), true, now()), true)) {
            throw new DomainException.InvalidState("this " + kind.name().toLowerCase(Locale.ROOT) + " is already used by another account");
        }
        customers.clearChallenge(challenge);
        var next = me(actor).withIdentity(kind, value, now());
        customers.save(next);
        return next;
    }

    /**
     * Staff register the customer in front of them: a walk-in profile with the phone and email they gave (unverified:
     * staff find them by it, and whoever later proves it takes it) and maybe a card.
     */
    public Profile registerInStore(Actor actor, String storeId, ProfilePatch names, String phone, String email, String card) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        var id = WALK_IN + Ids.newId();
        var profile = customers.createIfAbsent(Profile.fresh(id, now()).with(names.firstName(), names.lastName(),
                names.language() == null ? "fr" : names.language(), List.of(), null, storeId, now()));
        if (phone != null) attachUnverified(id, Identity.Kind.PHONE, normalize(Identity.Kind.PHONE, phone));
        if (email != null) attachUnverified(id, Identity.Kind.EMAIL, normalize(Identity.Kind.EMAIL, email));
        if (card != null) {
            var value = normalize(Identity.Kind.CARD, card);
            if (!customers.claim(new Identity(Identity.Kind.CARD, value, id, true, now()), false)) {
                throw new DomainException.InvalidState("this loyalty card is already used by another account");
            }
            profile = profile.withIdentity(Identity.Kind.CARD, value, now());
            customers.save(profile);
        }
        return profile;
    }

    private void attachUnverified(String customerId, Identity.Kind kind, String value) {
        if (!customers.claim(new Identity(kind, value, customerId, false, now()), false)) {
            throw new DomainException.InvalidState("this " + kind.name().toLowerCase(Locale.ROOT) + " is already used by another account");
        }
    }

    // ---- merge --------------------------------------------------------------------------------------------------------

    /**
     * Staff (or ops) state that the walk-in in front of them is the same person as another profile. Only a walk-in
     * profile (registered at a till, nobody signs in to it) is ever merged away: merging an account someone signs in
     * to would hand its data to, or lock it away from, whoever that is.
     */
    public Profile mergeByStaff(Actor actor, String storeId, String survivor, String merged, String why) {
        actor.requireStore(storeId);
        if (why == null || why.isBlank() || why.length() > 500) throw new DomainException.InvalidInput("reason", "is required, at most 500 characters");
        if (survivor.equals(merged)) throw new DomainException.InvalidInput("mergedId", "must differ from survivorId");
        customers.profile(survivor).filter(p -> p.status() == Profile.Status.ACTIVE)
                .orElseThrow(() -> new DomainException.NotFound("no customer " + survivor));
        customers.profile(merged).orElseThrow(() -> new DomainException.NotFound("no customer " + merged));
        if (!merged.startsWith(WALK_IN)) {
            throw new DomainException.InvalidState("only a profile registered at a till can be merged into another:"
                    + " an account someone signs in to is never merged away");
        }
        merge(survivor, merged, actor.id(), why.strip());
        return customers.profile(survivor).orElseThrow();
    }

    /**
     * Everything of the walk-in {@code merged} moves to {@code survivor}: identities, reservations, orders, returns,
     * messages, and its consent refusals newer than the survivor's own decision (a grant given on another profile is
     * not the survivor's consent); then {@code merged} points to {@code survivor}. Each step is idempotent, so a merge
     * cut off half-way is finished by running it again.
     */
    void merge(String survivor, String merged, String by, String why) {
        var loser = customers.profile(merged).orElseThrow();
        if (loser.status() == Profile.Status.MERGED) return;
        for (var identity : customers.identities(merged)) customers.reassign(identity, survivor);
        var kept = new HashMap<String, Consent>();
        for (var c : customers.consents(survivor)) kept.put(c.purpose() + c.channel(), c);
        for (var c : customers.consents(merged)) {
            var mine = kept.get(c.purpose() + c.channel());
            if (!c.granted() && (mine == null || c.decidedAt().isAfter(mine.decidedAt()))) customers.decide(survivor, c);
        }
        history.reassign(merged, survivor);
        var winner = customers.profile(survivor).orElseThrow();
        customers.save(new Profile(winner.id(), or(winner.firstName(), loser.firstName()), or(winner.lastName(), loser.lastName()),
                winner.language(), winner.preferredChannels(), winner.quietHours(), or(winner.homeStoreId(), loser.homeStoreId()),
                or(winner.email(), loser.email()), or(winner.phone(), loser.phone()), or(winner.loyaltyCard(), loser.loyaltyCard()),
                winner.status(), null, winner.createdAt(), now()));
        customers.markMerged(merged, survivor, by, why, now());
    }

    // ---- consents ------------------------------------------------------------------------------------------------------

    public List<Consent> consents(Actor actor) {
        return customers.consents(me(actor).id());
    }

    public List<Consent> decide(Actor actor, List<Consent> decisions) {
        var me = me(actor);
        if (decisions == null || decisions.isEmpty() || decisions.size() > 9) {
            throw new DomainException.InvalidInput("consents", "give 1 to 9 decisions");
        }
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < decisions.size(); i++) {
            var d = decisions.get(i);
            if (d.purpose() == null || !PURPOSES.contains(d.purpose())) {
                violations.add(new DomainException.Violation("consents[" + i + "].purpose", "must be TRANSACTIONAL, MARKETING or FEEDBACK"));
            }
            if (d.channel() == null || !CHANNELS.contains(d.channel())) {
                violations.add(new DomainException.Violation("consents[" + i + "].channel", "must be WHATSAPP, SMS or EMAIL"));
            }
            if (d.textVersion() == null || d.textVersion().isBlank() || d.textVersion().length() > 40) {
                violations.add(new DomainException.Violation("consents[" + i + "].textVersion", "is required: the version of the text shown"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var at = now();
        for (var d : decisions) {
            customers.decide(me.id(), new Consent(d.purpose(), d.channel(), d.granted(),
                    d.source() == null ? "web" : d.source(), d.textVersion(), at));
        }
        return customers.consents(me.id());
    }

    // ---- timeline, staff lookup, GDPR ------------------------------------------------------------------------------

    public record TimelinePage(List<TimelineEntry> items, String nextCursor) {
    }

    public TimelinePage timeline(Actor actor, String cursor) {
        Instant before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Instant.parse(new String(java.util.Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new DomainException.InvalidInput("cursor", "is not a cursor this list returned");
            }
        }
        var items = history.timeline(me(actor).id(), before, 20);
        String next = items.size() < 20 ? null : java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(items.get(items.size() - 1).at().toString().getBytes(StandardCharsets.UTF_8));
        return new TimelinePage(items, next);
    }

    /** What staff see of the customer in front of them; every look is recorded. */
    public Map<String, Object> lookup(Actor actor, String storeId, String phone, String email, String card) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        Identity.Kind kind;
        String typed;
        if (phone != null) {
            kind = Identity.Kind.PHONE;
            typed = phone;
        } else if (email != null) {
            kind = Identity.Kind.EMAIL;
            typed = email;
        } else if (card != null) {
            kind = Identity.Kind.CARD;
            typed = card;
        } else {
            throw new DomainException.InvalidInput("phone", "give phone, email or card");
        }
        var identity = customers.identity(kind, normalize(kind, typed))
                .orElseThrow(() -> new DomainException.NotFound("no customer with this " + kind.name().toLowerCase(Locale.ROOT)));
        var profile = customers.profile(identity.customerId()).orElseThrow(() -> new DomainException.NotFound("no customer"));
        if (!customers.recordAccess(profile.id(), storeId, actor.id(), now())) {
            throw new DomainException.NotFound("no customer with this " + kind.name().toLowerCase(Locale.ROOT));
        }
        var open = history.timeline(profile.id(), null, 100).stream()
                .filter(e -> storeId.equals(e.storeId()))
                .filter(e -> Set.of("HELD", "PLACED", "ACCEPTED", "READY", "AWAITING_CUSTOMER").contains(e.status()))
                .toList();
        var view = new LinkedHashMap<String, Object>();
        view.put("customerId", profile.id());
        view.put("firstName", profile.firstName());
        view.put("lastName", profile.lastName());
        view.put("loyaltyCard", profile.loyaltyCard());
        view.put("openAtThisStore", open);
        return view;
    }

    public Map<String, Object> export(Actor actor) {
        var me = me(actor);
        var all = new LinkedHashMap<String, Object>();
        all.put("profile", me);
        all.put("identities", customers.identities(me.id()));
        all.put("consents", customers.consents(me.id()));
        all.put("storeAccesses", customers.accesses(me.id()));
        all.put("records", history.export(me.id()));
        all.put("exportedAt", now());
        return all;
    }

    /**
     * Right to erasure: identities, names, contact details, consents and message contents go; orders, returns and
     * stock stay for the accounts under an anonymous id. The id is marked erased first, so a write racing the erasure
     * (an order on its way) is refused or scrubbed with the rest; once this returns nothing of the person is left,
     * nothing more is sent to them, and their token is refused everywhere. Asking again finishes an erasure cut off
     * half-way. The same email or phone can sign up again, as a new account.
     */
    public void erase(Actor actor) {
        if (actor.id().startsWith(WALK_IN)) throw new DomainException.Forbidden("no sign-in acts as a profile registered at a till");
        var profile = customers.profile(actor.id());
        if (profile.isPresent() && profile.get().status() == Profile.Status.MERGED) {
            throw new DomainException.Forbidden("this profile was merged into another account: sign in with that account");
        }
        customers.markErased(actor.id(), now());
        history.anonymise(actor.id(), "anon-" + Ids.newId());
        customers.erase(actor.id());
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private static Identity.Kind kind(String text) {
        try {
            return Identity.Kind.valueOf(text == null ? "" : text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new DomainException.InvalidInput("kind", "must be email, phone or card");
        }
    }

    static String normalize(Identity.Kind kind, String typed) {
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

    private static String field(Identity.Kind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
