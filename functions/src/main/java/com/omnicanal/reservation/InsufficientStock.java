package com.omnicanal.reservation;

import com.omnicanal.shared.DomainException;
import java.util.List;

/** Not enough units free at the chosen store; lists the stores that have the quantity asked for. */
public final class InsufficientStock extends DomainException.Shortage {
    private final String sku;
    private final String storeId;
    private final int requested;
    private final int available;
    private final List<Alternative> alternatives;

    public record Alternative(String storeId, String storeName, int available) {
    }

    public InsufficientStock(String sku, String storeId, int requested, int available, List<Alternative> alternatives) {
        super("only " + available + " unit(s) of " + sku + " free at " + storeId + ", " + requested + " asked");
        this.sku = sku;
        this.storeId = storeId;
        this.requested = requested;
        this.available = available;
        this.alternatives = List.copyOf(alternatives);
    }

    public String sku() {
        return sku;
    }

    public String storeId() {
        return storeId;
    }

    public int requested() {
        return requested;
    }

    public int available() {
        return available;
    }

    public List<Alternative> alternatives() {
        return alternatives;
    }
}
