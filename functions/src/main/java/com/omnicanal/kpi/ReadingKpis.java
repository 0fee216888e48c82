package com.omnicanal.kpi;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Ops read every store's KPIs, staff their own store's: the day rows counted so far, summed per the grouping asked
 * (store, channel, day or week), with the rates and percentiles computed from the sums. Customer figures are over every
 * store, so only ops get them.
 */
public final class ReadingKpis {
    /** A year and a day: a leap year's worth of days, whatever the dates. */
    static final int MAX_DAYS = 366;
    private static final List<String> DIMENSIONS = List.of("store", "channel", "day", "week");

    private final Supplier<List<String>> storeIds;
    private final KpiLedger ledger;

    /** {@code storeIds}: the stores ops see by default (the catalogue's), the web warehouse added. */
    public ReadingKpis(Supplier<List<String>> storeIds, KpiLedger ledger) {
        this.storeIds = storeIds;
        this.ledger = ledger;
    }

    public Kpis read(Actor actor, String fromText, String toText, Optional<String> storeId, Optional<String> groupBy) {
        if (actor.role() == Actor.Role.CUSTOMER) throw new DomainException.Forbidden("KPIs are for ops and store staff");
        var from = day("from", fromText);
        var to = day("to", toText);
        if (to.isBefore(from)) throw new DomainException.InvalidInput("to", "is before from");
        if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
            throw new DomainException.InvalidInput("to", "is more than " + MAX_DAYS + " days after from");
        }
        var grouping = grouping(groupBy.orElse("store,week"));
        var stores = stores(actor, storeId);
        var sums = new TreeMap<Key, Map<String, Long>>();
        for (var row : ledger.days(stores, from, to)) {
            if (row.day().isBefore(from) || row.day().isAfter(to) || !stores.contains(row.storeId())) continue;
            var key = new Key(start(grouping, row.day(), from), grouping.contains("store") ? row.storeId() : null,
                    grouping.contains("channel") ? row.channel().label() : null);
            var sum = sums.computeIfAbsent(key, k -> new HashMap<>());
            row.counts().forEach((name, value) -> sum.merge(name, value, Long::sum));
        }
        var rows = new ArrayList<KpiRow>();
        sums.forEach((key, sum) -> rows.add(KpiRow.of(key.start(), end(grouping, key.start(), to), key.store(),
                key.channel(), sum)));
        return new Kpis(from, to, List.copyOf(grouping), rows,
                actor.role() == Actor.Role.OPS ? customers(from, to) : List.of());
    }

    /** One line per row, the columns of {@link KpiRow} in order; an empty cell for a null figure. */
    public static String csv(Kpis kpis) {
        var components = KpiRow.class.getRecordComponents();
        var out = new StringBuilder();
        for (int i = 0; i < components.length; i++) out.append(i == 0 ? "" : ",").append(components[i].getName());
        out.append("\r\n");
        for (var row : kpis.rows()) {
            for (int i = 0; i < components.length; i++) {
                Object value;
                try {
                    value = components[i].getAccessor().invoke(row);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
                out.append(i == 0 ? "" : ",").append(cell(value));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    /** Quoted when it holds a comma, a quote or a line break (RFC 4180); a leading =, +, - or @ cannot start a formula. */
    private static String cell(Object value) {
        if (value == null) return "";
        var text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) text = "'" + text;
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            text = "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    private record Key(LocalDate start, String store, String channel) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::start)
                .thenComparing(Key::store, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(Key::channel, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    private List<Kpis.CustomerFigures> customers(LocalDate from, LocalDate to) {
        var mondays = new HashMap<String, LocalDate>();
        for (var day = from; !day.isAfter(to); day = day.plusDays(1)) {
            mondays.putIfAbsent(KpiTallies.week(day), day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        }
        var figures = new ArrayList<Kpis.CustomerFigures>();
        for (var week : ledger.weeks(KpiTallies.weeks(from, to))) {
            long active = week.counts().getOrDefault(CustomerWeek.Figure.ACTIVE_CUSTOMERS, 0L);
            long multichannel = week.counts().getOrDefault(CustomerWeek.Figure.MULTICHANNEL_CUSTOMERS, 0L);
            long repeat = week.counts().getOrDefault(CustomerWeek.Figure.REPEAT_CUSTOMERS, 0L);
            figures.add(new Kpis.CustomerFigures(week.week(), mondays.get(week.week()), active, multichannel,
                    KpiFormulas.rate(multichannel, active), repeat, KpiFormulas.rate(repeat, active)));
        }
        figures.sort(Comparator.comparing(Kpis.CustomerFigures::week));
        return figures;
    }

    /**
     * Staff: their own store (another is refused); ops: the one asked, or every store, the web warehouse and the
     * messages about no store.
     */
    private List<String> stores(Actor actor, Optional<String> storeId) {
        if (actor.role() == Actor.Role.STAFF) {
            var asked = storeId.orElse(actor.storeId());
            actor.requireStore(asked);
            return List.of(asked);
        }
        if (storeId.isPresent()) return List.of(storeId.get());
        var all = new ArrayList<String>(storeIds.get());
        all.add(KpiTallies.WEB_WAREHOUSE);
        all.add(KpiTallies.NO_STORE);
        return all;
    }

    private static List<String> grouping(String text) {
        var dimensions = new LinkedHashSet<String>();
        for (var part : text.split(",", -1)) {
            var name = part.strip();
            if (!DIMENSIONS.contains(name)) throw new DomainException.InvalidInput("groupBy", "knows store, channel, day and week");
            if (!dimensions.add(name)) throw new DomainException.InvalidInput("groupBy", "names " + name + " twice");
        }
        if (dimensions.contains("day") && dimensions.contains("week")) {
            throw new DomainException.InvalidInput("groupBy", "takes day or week, not both");
        }
        return List.copyOf(dimensions);
    }

    private static LocalDate start(List<String> grouping, LocalDate day, LocalDate from) {
        if (grouping.contains("day")) return day;
        if (grouping.contains("week")) {
            var monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            return monday.isBefore(from) ? from : monday;
        }
        return from;
    }

    private static LocalDate end(List<String> grouping, LocalDate start, LocalDate to) {
        LocalDate end = grouping.contains("day") ? start
                : grouping.contains("week") ? start.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)) : to;
        return end.isAfter(to) ? to : end;
    }

    private static LocalDate day(String field, String text) {
        try {
            return LocalDate.parse(Objects.requireNonNull(text, field));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new DomainException.InvalidInput(field, "is not a date (YYYY-MM-DD)");
        }
    }
}
