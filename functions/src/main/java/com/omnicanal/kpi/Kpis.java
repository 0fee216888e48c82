package com.omnicanal.kpi;

import java.time.LocalDate;
import java.util.List;

/** The answer of GET /ops/kpis: rows per the grouping asked, and the customers' weeks. */
public record Kpis(LocalDate from, LocalDate to, List<String> groupBy, List<KpiRow> rows, List<CustomerFigures> customers) {

    /** One ISO week's customers over every store and channel. */
    public record CustomerFigures(String week, LocalDate weekStart, long activeCustomers, long multichannelCustomers,
                                  Double multichannelShare, long repeatCustomers, Double repeatRate) {
    }
}
