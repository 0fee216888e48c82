package com.omnicanal.customer;

import com.omnicanal.shared.DomainException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

/** One customer across channels: what they told us, how they like to be reached, and the identities that are theirs. */
public record Profile(String id, String firstName, String lastName, String language, List<String> preferredChannels,
                      QuietHours quietHours, String homeStoreId, String email, String phone, String loyaltyCard,
                      Status status, String mergedInto, Instant createdAt, Instant updatedAt, LocalDate birthDate) {

    /** MERGED: another profile turned out to be the same person; this one points to it. */
    public enum Status { ACTIVE, MERGED }

    /** Profiles staff register at the till have ids of our own making, never the subject of a sign-in. */
    public static final String WALK_IN = "store-";

    /** When non-urgent messages wait: from start to end (HH:mm, across midnight when end is earlier) in the time zone. */
    public record QuietHours(String start, String end, String timeZone) {
        /** What is wrong with these hours: unreadable times or zone, or a window that ends where it starts. */
        public List<DomainException.Violation> violations() {
            try {
                LocalTime.parse(start);
                LocalTime.parse(end);
                ZoneId.of(timeZone);
            } catch (RuntimeException e) {
                return List.of(new DomainException.Violation("quietHours",
                        "needs start and end as HH:mm and a time zone such as Europe/Paris"));
            }
            if (endsWhereItStarts()) {
                return List.of(new DomainException.Violation("quietHours.end",
                        "must differ from start (an empty window); send \"quietHours\": null to remove quiet hours"));
            }
            return List.of();
        }

        /** Starts where it ends: no minute is quiet. */
        public boolean endsWhereItStarts() {
            try {
                return LocalTime.parse(start).equals(LocalTime.parse(end));
            } catch (RuntimeException unreadable) {
                return false;
            }
        }
    }

    public Profile {
        preferredChannels = preferredChannels == null ? List.of() : List.copyOf(preferredChannels);
        // an empty window stored before they were refused silences nothing: it reads as none, and the next save drops it
        if (quietHours != null && quietHours.endsWhereItStarts()) quietHours = null;
    }

    public static Profile fresh(String id, Instant now) {
        return new Profile(id, null, null, "fr", List.of(), null, null, null, null, null, Status.ACTIVE, null, now, now, null);
    }

    public Profile with(String first, String last, String lang, List<String> channels, QuietHours quiet, String home,
                        Instant now) {
        return new Profile(id, first, last, lang, channels, quiet, home, email, phone, loyaltyCard, status, mergedInto,
                createdAt, now, birthDate);
    }

    /** A walk-in: registered by staff at a till; nobody signs in to it. */
    public static boolean isWalkIn(String id) {
        return id.startsWith(WALK_IN);
    }

    /** This profile with the patch applied: absent fields kept, quiet hours and birth date removed when it says so. */
    public Profile patched(ProfilePatch patch, Instant now) {
        var born = patch.removeBirthDate() ? null : patch.birthDate() == null ? birthDate : LocalDate.parse(patch.birthDate());
        return withBirthDate(born).with(or(patch.firstName(), firstName), or(patch.lastName(), lastName), or(patch.language(), language),
                patch.preferredChannels() == null ? preferredChannels : patch.preferredChannels(),
                patch.removeQuietHours() ? null : patch.quietHours() == null ? quietHours : patch.quietHours(),
                or(patch.homeStoreId(), homeStoreId), now);
    }

    /** The same profile with this birth date (or none). */
    public Profile withBirthDate(LocalDate born) {
        return new Profile(id, firstName, lastName, language, preferredChannels, quietHours, homeStoreId, email, phone,
                loyaltyCard, status, mergedInto, createdAt, updatedAt, born);
    }

    /** What staff are shown of a profile: all but the birth date, which is the customer's and loyalty's only. */
    public Profile forStaff() {
        return withBirthDate(null);
    }

    /**
     * This (surviving) profile, completed with what only the walk-in merged into it knew: names, home store, addresses,
     * birth date.
     */
    public Profile completedFrom(Profile merged, Instant now) {
        return new Profile(id, or(firstName, merged.firstName()), or(lastName, merged.lastName()), language,
                preferredChannels, quietHours, or(homeStoreId, merged.homeStoreId()), or(email, merged.email()),
                or(phone, merged.phone()), or(loyaltyCard, merged.loyaltyCard()), status, null, createdAt, now,
                birthDate != null ? birthDate : merged.birthDate());
    }

    /** The primary address of a kind, set once verified. */
    public Profile withIdentity(Identity.Kind kind, String value, Instant now) {
        return new Profile(id, firstName, lastName, language, preferredChannels, quietHours, homeStoreId,
                kind == Identity.Kind.EMAIL ? value : email, kind == Identity.Kind.PHONE ? value : phone,
                kind == Identity.Kind.CARD ? value : loyaltyCard, status, mergedInto, createdAt, now, birthDate);
    }

    private static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
