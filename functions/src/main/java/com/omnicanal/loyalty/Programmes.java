package com.omnicanal.loyalty;

import java.time.Duration;

/** The programme in force: the last version ops saved, else the defaults with the deployment's return window. */
final class Programmes {
    private final LoyaltyLedger ledger;
    private final Duration returnWindow;

    Programmes(LoyaltyLedger ledger, Duration returnWindow) {
        this.ledger = ledger;
        this.returnWindow = returnWindow;
    }

    Programme current() {
        return ledger.programme().orElseGet(() -> Programme.defaults(returnWindow));
    }
}
