package com.omnicanal.loyalty;

import java.util.Optional;

/** Port: the receipts stores reported, each kept once under its id. */
public interface SalesLedger extends Receipts {
    /** Keeps the receipt unless one of that id exists; the stored one if it does. */
    Optional<Receipt> record(Receipt receipt);
}
