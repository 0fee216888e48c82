package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;

/**
 * Staff (or ops) state that the walk-in in front of them is the same person as another profile. Only a walk-in
 * profile (registered at a till, nobody signs in to it) is ever merged away: merging an account someone signs in to
 * would hand its data to, or lock it away from, whoever that is.
 */
public final class MergingProfiles {
    private final Customers customers;
    private final CustomerHistory history;
    private final Clock clock;

    public MergingProfiles(Customers customers, CustomerHistory history, Clock clock) {
        this.customers = customers;
        this.history = history;
        this.clock = clock;
    }

    public Profile merge(Actor actor, String storeId, ProfileMerge merge) {
        actor.requireStore(storeId);
        var survivor = merge.survivorId();
        var merged = merge.mergedId();
        customers.profile(survivor).filter(p -> p.status() == Profile.Status.ACTIVE)
                .orElseThrow(() -> new DomainException.NotFound("no customer " + survivor));
        customers.profile(merged).orElseThrow(() -> new DomainException.NotFound("no customer " + merged));
        if (!Profile.isWalkIn(merged)) {
            throw new DomainException.InvalidState("only a profile registered at a till can be merged into another:"
                    + " an account someone signs in to is never merged away");
        }
        merge(survivor, merged, actor.id(), merge.reason());
        // staff are shown the merged profile, never the customer's birth date
        return customers.profile(survivor).orElseThrow().forStaff();
    }

    /**
     * Everything of the walk-in {@code merged} moves to {@code survivor}: identities, reservations, orders, returns,
     * messages, its birth date when the survivor has none, and its consent refusals newer than the survivor's own
     * decision (a grant given on another profile is not the survivor's consent); then {@code merged} points to
     * {@code survivor}. Each step is idempotent, so a merge cut off half-way is finished by running it again.
     */
    private void merge(String survivor, String merged, String by, String why) {
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
        var now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        customers.save(customers.profile(survivor).orElseThrow().completedFrom(loser, now));
        customers.markMerged(merged, survivor, by, why, now);
    }
}
