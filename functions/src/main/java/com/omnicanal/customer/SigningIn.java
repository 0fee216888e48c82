package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The profile a customer's token acts on: the profile of its own sign-in, created the first time, and nothing else. A
 * token never follows {@code mergedInto}, and no sign-in acts as a walk-in registered at a till (SECURITY.md,
 * "Identities, merges and erasure").
 */
public final class SigningIn {
    private final Customers customers;
    private final Clock clock;

    public SigningIn(Customers customers, Clock clock) {
        this.customers = customers;
        this.clock = clock;
    }

    /**
     * The caller's profile, created at first sign-in. A token never follows {@code mergedInto}: the profile it was
     * merged into belongs to someone who proved their own identities, not to whoever holds this token.
     */
    public Profile profile(Actor actor) {
        refuseWalkIn(actor);
        var profile = customers.createIfAbsent(Profile.fresh(actor.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        refuseMerged(profile);
        return profile;
    }

    /** The same refusals as {@link #profile}, without creating a profile (an erasure asked at first sign-in). */
    void requireOwnProfile(Actor actor) {
        refuseWalkIn(actor);
        customers.profile(actor.id()).ifPresent(SigningIn::refuseMerged);
    }

    private static void refuseWalkIn(Actor actor) {
        if (Profile.isWalkIn(actor.id())) throw new DomainException.Forbidden("no sign-in acts as a profile registered at a till");
    }

    private static void refuseMerged(Profile profile) {
        if (profile.status() == Profile.Status.MERGED) {
            throw new DomainException.Forbidden("this profile was merged into another account: sign in with that account");
        }
    }
}
