package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.Ids;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * Right to erasure (GDPR Art. 17): identities, names, contact details, consents and message contents go; orders,
 * returns and stock stay for the accounts under an anonymous id. The id is marked erased first, so a write racing the
 * erasure (an order on its way) is refused or scrubbed with the rest; once this returns nothing of the person is left,
 * nothing more is sent to them, and their token is refused everywhere. Asking again finishes an erasure cut off
 * half-way. The same email or phone can sign up again, as a new account.
 */
public final class ErasingCustomers {
    private final SigningIn signingIn;
    private final Customers customers;
    private final CustomerHistory history;
    private final Clock clock;

    public ErasingCustomers(SigningIn signingIn, Customers customers, CustomerHistory history, Clock clock) {
        this.signingIn = signingIn;
        this.customers = customers;
        this.history = history;
        this.clock = clock;
    }

    public void erase(Actor actor) {
        signingIn.requireOwnProfile(actor);
        customers.markErased(actor.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        history.anonymise(actor.id(), "anon-" + Ids.newId());
        customers.erase(actor.id());
    }
}
