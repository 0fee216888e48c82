package com.omnicanal.kpi;

import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.BusinessEvents;

/**
 * From the outbox stream: each business event adds to the KPIs once, however often the stream hands it over. A failure
 * is thrown, so the stream hands the event over again.
 */
public final class CountingKpis implements BusinessEvents {
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
}
