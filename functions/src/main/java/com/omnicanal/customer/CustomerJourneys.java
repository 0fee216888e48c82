package com.omnicanal.customer;

import com.omnicanal.catalog.Catalog;
import java.time.Clock;

/**
 * The single customer view, one class per journey: a profile per sign-in, identities proved by one-time codes,
 * consents, staff lookup, registration and merge of walk-ins, the timeline, export and erasure (GDPR).
 */
public record CustomerJourneys(SigningIn signingIn, UpdatingProfile updatingProfile,
                               VerifyingIdentities verifyingIdentities, DecidingConsents decidingConsents,
                               ReadingTimeline readingTimeline, ExportingData exportingData,
                               ErasingCustomers erasingCustomers, LookingUpCustomers lookingUpCustomers,
                               RegisteringWalkIns registeringWalkIns, MergingProfiles mergingProfiles) {

    public static CustomerJourneys of(Catalog catalog, Customers customers, CustomerHistory history, Clock clock) {
        return of(catalog, customers, history, LoyaltyStandings.NONE, clock);
    }

    /** {@code loyalty}: the balance and tier the staff lookup shows. */
    public static CustomerJourneys of(Catalog catalog, Customers customers, CustomerHistory history, LoyaltyStandings loyalty,
                                      Clock clock) {
        var signingIn = new SigningIn(customers, clock);
        return new CustomerJourneys(signingIn, new UpdatingProfile(catalog, signingIn, customers, clock),
                new VerifyingIdentities(signingIn, customers, clock), new DecidingConsents(signingIn, customers, clock),
                new ReadingTimeline(signingIn, history), new ExportingData(signingIn, customers, history, clock),
                new ErasingCustomers(signingIn, customers, history, clock),
                new LookingUpCustomers(catalog, customers, history, clock, loyalty),
                new RegisteringWalkIns(catalog, customers, clock), new MergingProfiles(customers, history, clock));
    }
}
