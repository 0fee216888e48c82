package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer reads and decides their consents, per purpose and channel, with the version of the text they were shown.
 * How many decisions, which purposes and channels: openapi.yaml says.
 */
public final class DecidingConsents {
    private final SigningIn signingIn;
    private final Customers customers;
    private final Clock clock;

    public DecidingConsents(SigningIn signingIn, Customers customers, Clock clock) {
        this.signingIn = signingIn;
        this.customers = customers;
        this.clock = clock;
    }

    public List<Consent> consents(Actor actor) {
        return customers.consents(signingIn.profile(actor).id());
    }

    public List<Consent> decide(Actor actor, List<Consent> decisions) {
        var me = signingIn.profile(actor);
        var violations = new ArrayList<DomainException.Violation>();
        for (int i = 0; i < decisions.size(); i++) {
            var textVersion = decisions.get(i).textVersion();
            // the contract has minLength 1: a version of spaces only still reaches us, and names no text
            if (textVersion == null || textVersion.isBlank()) {
                violations.add(new DomainException.Violation("consents[" + i + "].textVersion", "is required: the version of the text shown"));
            }
        }
        if (!violations.isEmpty()) throw new DomainException.InvalidInput(violations);
        var at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (var d : decisions) {
            customers.decide(me.id(), new Consent(d.purpose(), d.channel(), d.granted(),
                    d.source() == null ? "web" : d.source(), d.textVersion(), at));
        }
        return customers.consents(me.id());
    }
}
