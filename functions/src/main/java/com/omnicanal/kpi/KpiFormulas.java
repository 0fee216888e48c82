package com.omnicanal.kpi;

/** The arithmetic of the rates: null when there is nothing to divide by, rounded to 4 decimals (2 for percents). */
public final class KpiFormulas {
    private KpiFormulas() {
    }

    /** part / whole, from 0 to 1. */
    public static Double rate(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** 100 * part / whole. */
    public static Double percent(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 100.0;
    }

    /** Net Promoter Score: % of promoters minus % of detractors, from -100 to 100. */
    public static Double nps(long promoters, long detractors, long answers) {
        return answers == 0 ? null : Math.round(10_000.0 * (promoters - detractors) / answers) / 100.0;
    }

    /** total / count, to 2 decimals (SMS segments per SMS sent). */
    public static Double average(long total, long count) {
        return count == 0 ? null : Math.round(100.0 * total / count) / 100.0;
    }
}
