package com.omnicanal.customer;

import java.time.Instant;
import java.util.List;

/** One customer across channels: what they told us, how they like to be reached, and the identities that are theirs. */
public record Profile(String id, String firstName, String lastName, String language, List<String> preferredChannels,
                      QuietHours quietHours, String homeStoreId, String email, String phone, String loyaltyCard,
                      Status status, String mergedInto, Instant createdAt, Instant updatedAt) {

    /** MERGED: another profile turned out to be the same person; this one points to it. */
    public enum Status { ACTIVE, MERGED }

    public record QuietHours(String start, String end, String timeZone) {
    }

    public Profile {
        preferredChannels = preferredChannels == null ? List.of() : List.copyOf(preferredChannels);
    }

    public static Profile fresh(String id, Instant now) {
        return new Profile(id, null, null, "fr", List.of(), null, null, null, null, null, Status.ACTIVE, null, now, now);
    }

    public Profile with(String first, String last, String lang, List<String> channels, QuietHours quiet, String home,
                        Instant now) {
        return new Profile(id, first, last, lang, channels, quiet, home, email, phone, loyaltyCard, status, mergedInto,
                createdAt, now);
    }

    /** The primary address of a kind, set once verified. */
    public Profile withIdentity(Identity.Kind kind, String value, Instant now) {
        return new Profile(id, firstName, lastName, language, preferredChannels, quietHours, homeStoreId,
                kind == Identity.Kind.EMAIL ? value : email, kind == Identity.Kind.PHONE ? value : phone,
                kind == Identity.Kind.CARD ? value : loyaltyCard, status, mergedInto, createdAt, now);
    }
}
