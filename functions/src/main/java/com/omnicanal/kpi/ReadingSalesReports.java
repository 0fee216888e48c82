package com.omnicanal.kpi;

import com.omnicanal.kpi.SalesReport.Figures;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A store's monthly sales report, read from the month rows the KPI ledger counted: its staff read their store's, ops
 * any store's and the web's ({@code web} or {@code WEB}: what was sold online, and what the warehouse shipped for
 * stores). The month defaults to the current one in the stores' time zone.
 */
public final class ReadingSalesReports {
    public static final String CURRENCY = "EUR";

    private final Supplier<List<String>> storeIds;
    private final KpiLedger ledger;
    private final KpiTallies tallies;
    private final Clock clock;

    /** {@code storeIds}: the catalogue's stores, so that a report of a store that does not exist is a 404. */
    public ReadingSalesReports(Supplier<List<String>> storeIds, KpiLedger ledger, KpiTallies tallies, Clock clock) {
        this.storeIds = storeIds;
        this.ledger = ledger;
        this.tallies = tallies;
        this.clock = clock;
    }

    public SalesReport report(Actor actor, String storeId, String monthText) {
        var store = KpiTallies.WEB_WAREHOUSE.equalsIgnoreCase(storeId) ? KpiTallies.WEB_WAREHOUSE : storeId;
        if (!store.equals(KpiTallies.WEB_WAREHOUSE)) actor.requireStore(store);
        else if (actor.role() != Actor.Role.OPS) throw new DomainException.Forbidden("only ops read the web's sales");
        var month = month(monthText);
        if (!store.equals(KpiTallies.WEB_WAREHOUSE) && !storeIds.get().contains(store)) {
            throw new DomainException.NotFound("no store " + store);
        }
        var sold = new EnumMap<SalesLine.Fulfilment, Figures>(SalesLine.Fulfilment.class);
        var forSellers = new ArrayList<SalesReport.ForSeller>();
        var staff = new ArrayList<SalesReport.ByStaff>();
        for (var row : ledger.months(store, month)) {
            var f = figures(row.counts());
            switch (row.line().kind()) {
                case SOLD -> sold.merge(SalesLine.Fulfilment.valueOf(row.line().name()), f, Figures::plus);
                case FULFILLED_FOR -> forSellers.add(new SalesReport.ForSeller(row.line().name(), f.orders(),
                        f.shipments(), f.paidCents()));
                case STAFF -> staff.add(new SalesReport.ByStaff(row.line().name(), f.orders(), f.shipments(),
                        f.paidCents()));
            }
        }
        var byFulfilment = new ArrayList<SalesReport.ByFulfilment>();
        var total = Figures.NONE;
        for (var how : SalesLine.Fulfilment.values()) {
            var f = sold.getOrDefault(how, Figures.NONE);
            byFulfilment.add(new SalesReport.ByFulfilment(how.label(), f.orders(), f.shipments(), f.paidCents()));
            total = total.plus(f);
        }
        forSellers.sort(Comparator.comparing(SalesReport.ForSeller::seller));
        staff.sort(Comparator.comparing(SalesReport.ByStaff::staffId));
        var forOthers = forSellers.stream().map(s -> new Figures(s.orders(), s.shipments(), s.paidCents()))
                .reduce(Figures.NONE, Figures::plus);
        return new SalesReport(store, month.toString(), CURRENCY, total, byFulfilment, forOthers, forSellers, staff);
    }

    private YearMonth month(String text) {
        if (text == null) return tallies.month(clock.instant());
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new DomainException.InvalidInput("month", "is not a month (YYYY-MM, as 2026-12)");
        }
    }

    private static Figures figures(Map<String, Long> counts) {
        return new Figures(counts.getOrDefault(SalesLine.Figure.ORDERS.key(), 0L),
                counts.getOrDefault(SalesLine.Figure.SHIPMENTS.key(), 0L),
                counts.getOrDefault(SalesLine.Figure.PAID_CENTS.key(), 0L));
    }
}
