package com.omnicanal.kpi;

import com.omnicanal.messaging.MessageFact;
import com.omnicanal.messaging.MessageFacts;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessEvents;

/**
 * From the outbox stream: each business event, and each fact of a message's record change, adds to the KPIs once,
 * however often the stream hands it over. A failure is thrown, so the stream hands the record over again.
 */
public final class CountingKpis implements BusinessEvents, MessageFacts {
    private final KpiTallies tallies;
    private final KpiLedger ledger;

    public CountingKpis(KpiTallies tallies, KpiLedger ledger) {
        this.tallies = tallies;
        this.ledger = ledger;
    }

    @Override
    public void happened(BusinessEvent event) {
        var tally = tallies.of(event);
        if (tally.counts().isEmpty() && tally.activity() == null) return;
        ledger.count(tally);
    }

    @Override
    public void happened(MessageFact fact) {
        ledger.count(tallies.of(fact));
    }
}
