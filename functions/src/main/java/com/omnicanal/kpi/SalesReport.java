package com.omnicanal.kpi;

import java.util.List;

/**
 * A store's sales for a calendar month (Paris time), as its accounting credits them, in euro cents after any points
 * discount: what it sold (its own and endless-aisle sales, whoever fulfilled them) split by how each was fulfilled,
 * what it fulfilled for other sellers (stores, or {@value KpiTallies#WEB_WAREHOUSE} for online sales), and what each
 * of its staff members sold. It names no customer.
 */
public record SalesReport(String storeId, String month, String currency, Figures sold, List<ByFulfilment> byFulfilment,
                          Figures fulfilledForOthers, List<ForSeller> fulfilledFor, List<ByStaff> staff) {

    /** Orders (each once), shipments handed over, and what the customers paid. */
    public record Figures(long orders, long shipments, long paidCents) {
        static final Figures NONE = new Figures(0, 0, 0);

        Figures plus(Figures other) {
            return new Figures(orders + other.orders, shipments + other.shipments, paidCents + other.paidCents);
        }
    }

    public record ByFulfilment(String fulfilment, long orders, long shipments, long paidCents) {
    }

    public record ForSeller(String seller, long orders, long shipments, long paidCents) {
    }

    public record ByStaff(String staffId, long orders, long shipments, long paidCents) {
    }
}
