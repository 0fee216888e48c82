package com.omnicanal.kpi;

import java.util.Locale;
import java.util.Objects;

/**
 * A line of a store's monthly sales report: what it sold, by how it was fulfilled; what it fulfilled for another
 * seller (a store, or {@value KpiTallies#WEB_WAREHOUSE} for online sales); what one of its staff members sold.
 */
public record SalesLine(Kind kind, String name) {

    public enum Kind { SOLD, FULFILLED_FOR, STAFF }

    /** How a sale of the store was fulfilled, seen from the seller. */
    public enum Fulfilment {
        /** Collected in the store that sold it. */
        COLLECTED_HERE,
        /** Shipped by the store that sold it. */
        SHIPPED_FROM_HERE,
        /** Collected in another store (the endless aisle for pickup elsewhere, or online for pickup). */
        COLLECTED_ELSEWHERE,
        /** Shipped by another store or the web warehouse. */
        SHIPPED_FROM_ELSEWHERE;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The counters of every line. */
    public enum Figure {
        /** Orders, each counted once: where it was collected, or with its first shipment handed over. */
        ORDERS,
        /** Shipments handed to the carrier. */
        SHIPMENTS,
        /** What the customers paid in money, in euro cents, after any points discount. */
        PAID_CENTS;

        public String key() {
            return "SALES_" + name();
        }
    }

    public SalesLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    public static SalesLine sold(Fulfilment how) {
        return new SalesLine(Kind.SOLD, how.name());
    }

    public static SalesLine fulfilledFor(String seller) {
        return new SalesLine(Kind.FULFILLED_FOR, seller);
    }

    public static SalesLine staff(String staffId) {
        return new SalesLine(Kind.STAFF, staffId);
    }
}
