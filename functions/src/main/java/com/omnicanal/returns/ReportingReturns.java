package com.omnicanal.returns;

import com.omnicanal.catalog.Catalog;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A store's returns in a period: received here for sales made elsewhere, and its sales returned elsewhere. */
public final class ReportingReturns {
    private final Catalog catalog;
    private final Returns returns;
    private final Clock clock;

    ReportingReturns(Catalog catalog, Returns returns, Clock clock) {
        this.catalog = catalog;
        this.returns = returns;
        this.clock = clock;
    }

    public record Report(String storeId, Instant from, Instant to, Totals receivedForOtherStores,
                         Totals soldHereReturnedElsewhere, List<Returns.Entry> entries) {
    }

    public record Totals(int returns, int units, int amountCents) {
    }

    /** {@code from} and {@code to}: days (YYYY-MM-DD, UTC), both included; by default the last 30 days. */
    public Report report(Actor actor, String storeId, String from, String to) {
        catalog.store(storeId).orElseThrow(() -> new DomainException.NotFound("no store " + storeId));
        actor.requireStore(storeId);
        var start = from == null ? now().minus(Duration.ofDays(30)) : LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant();
        var end = to == null ? now() : LocalDate.parse(to).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!start.isBefore(end) || Duration.between(start, end).toDays() > 366) {
            throw new DomainException.InvalidInput("to", "must be after from, at most a year later");
        }
        var in = returns.entries(storeId, true, start, end).stream().filter(e -> !e.soldAt().equals(storeId)).toList();
        var out = returns.entries(storeId, false, start, end).stream().filter(e -> !e.receivedAt().equals(storeId)).toList();
        var all = new ArrayList<Returns.Entry>(in);
        all.addAll(out);
        return new Report(storeId, start, end, totals(in), totals(out), all);
    }

    private static Totals totals(List<Returns.Entry> entries) {
        return new Totals(entries.size(), entries.stream().mapToInt(Returns.Entry::units).sum(),
                entries.stream().mapToInt(Returns.Entry::amountCents).sum());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
