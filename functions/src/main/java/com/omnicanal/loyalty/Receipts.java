package com.omnicanal.loyalty;

import java.util.Optional;

/** Port, published for returns: the sales stores reported, by receipt id. */
public interface Receipts {
    Optional<Receipt> receipt(String receiptId);
}
