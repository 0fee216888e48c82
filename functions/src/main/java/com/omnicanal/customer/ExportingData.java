package com.omnicanal.customer;

import com.omnicanal.shared.Actor;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** A customer's data export (GDPR Art. 20): the profile, identities, consents, staff looks and every record. */
public final class ExportingData {
    private final SigningIn signingIn;
    private final Customers customers;
    private final CustomerHistory history;
    private final Clock clock;

    public ExportingData(SigningIn signingIn, Customers customers, CustomerHistory history, Clock clock) {
        this.signingIn = signingIn;
        this.customers = customers;
        this.history = history;
        this.clock = clock;
    }

    public Map<String, Object> export(Actor actor) {
        var me = signingIn.profile(actor);
        var all = new LinkedHashMap<String, Object>();
        all.put("profile", me);
        all.put("identities", customers.identities(me.id()));
        all.put("consents", customers.consents(me.id()));
        all.put("storeAccesses", customers.accesses(me.id()));
        all.put("records", history.export(me.id()));
        all.put("exportedAt", clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return all;
    }
}
