package com.omnicanal.loyalty;

import com.omnicanal.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The loyalty programme as ops set it, versioned (an earning keeps the version it was computed with): points per euro
 * by channel and category, bonus rules, how long points stay pending (the return window), how long a batch lives once
 * available, the tiers by points earned over a rolling 12 months, and what 100 points are worth when spent.
 */
public record Programme(Integer version, List<Rate> rates, int firstPurchaseBonus, int birthdayMonthPercent,
                        List<Period> bonusPeriods, int pendingDays, int expiryDays, List<Tier> tiers,
                        int centsPer100Points, Instant updatedAt) {

    /** Points per euro paid on a channel (STORE, WEB, PHONE or * for any) for a category (or * for any). */
    public record Rate(String channel, String category, int pointsPerEuro) {
    }

    /** A double-points period (or any multiplier, in percent: 200 doubles). */
    public record Period(String name, Instant from, Instant to, int percent) {
    }

    /** A tier reached with {@code threshold} points earned over the last 12 months, and what it gives. */
    public record Tier(String name, int threshold, List<String> benefits) {
    }

    public static final String ANY = "*";

    /** The retailer's calendar: a birthday month begins at midnight in France, not in UTC. */
    private static final ZoneId CALENDAR = ZoneId.of("Europe/Paris");

    /** One point per euro everywhere, 50 points for a first purchase, pending for the return window, 12 months. */
    public static Programme defaults(Duration returnWindow) {
        return new Programme(0, List.of(new Rate(ANY, ANY, 1)), 50, 200, List.of(), (int) returnWindow.toDays(),
                365, List.of(new Tier("MEMBER", 0, List.of()),
                new Tier("SILVER", 500, List.of("free alterations")),
                new Tier("GOLD", 1500, List.of("free alterations", "private sales"))), 500, Instant.EPOCH);
    }

    public Programme {
        version = version == null ? 0 : version;
        rates = List.copyOf(rates);
        bonusPeriods = bonusPeriods == null ? List.of() : List.copyOf(bonusPeriods);
        tiers = List.copyOf(tiers);
    }

    /** Refuses a programme that cannot be applied; the contract bounds each field, these are the rules across them. */
    public void validate() {
        var problems = new ArrayList<DomainException.Violation>();
        if (rates.isEmpty()) problems.add(new DomainException.Violation("rates", "at least one rate"));
        if (tiers.isEmpty() || tiers.stream().noneMatch(t -> t.threshold() == 0)) {
            problems.add(new DomainException.Violation("tiers", "one tier starts at 0 points"));
        }
        if (tiers.stream().map(Tier::name).distinct().count() != tiers.size()) {
            problems.add(new DomainException.Violation("tiers", "names are unique"));
        }
        for (var p : bonusPeriods) {
            if (!p.from().isBefore(p.to())) problems.add(new DomainException.Violation("bonusPeriods", p.name() + " ends before it starts"));
        }
        if (pendingDays < 0 || expiryDays < 1) {
            problems.add(new DomainException.Violation("expiryDays", "points live at least a day and are pending zero days or more"));
        }
        if (!problems.isEmpty()) throw new DomainException.InvalidInput(problems);
    }

    /** How long points stay pending: the return window by default, so a return takes them back before they are spent. */
    public Duration pendingPeriod() {
        return Duration.ofDays(pendingDays);
    }

    /** How long a batch stays available once it is. */
    public Duration expiry() {
        return Duration.ofDays(expiryDays);
    }

    /** The most specific rate: channel and category, then category, then channel, then any. */
    public int pointsPerEuro(String channel, String category) {
        return rates.stream().filter(r -> matches(r.channel(), channel) && matches(r.category(), category))
                .max(Comparator.comparingInt(r -> (ANY.equals(r.category()) ? 0 : 2) + (ANY.equals(r.channel()) ? 0 : 1)))
                .map(Rate::pointsPerEuro).orElse(0);
    }

    /** Whole points for cents paid: rounded down, so reversing the lines of a purchase never gives back more. */
    public int points(String channel, String category, long paidCents, Instant at, Month birthMonth) {
        long percent = 100;
        for (var p : bonusPeriods) {
            if (!at.isBefore(p.from()) && at.isBefore(p.to())) percent = percent * p.percent() / 100;
        }
        if (birthMonth != null && at.atZone(CALENDAR).getMonth() == birthMonth) {
            percent = percent * birthdayMonthPercent / 100;
        }
        return (int) (paidCents * pointsPerEuro(channel, category) * percent / 100 / 100);
    }

    /** The highest tier whose threshold is reached. */
    public Tier tierFor(long earnedLast12Months) {
        return tiers.stream().filter(t -> t.threshold() <= earnedLast12Months)
                .max(Comparator.comparingInt(Tier::threshold)).orElse(tiers.get(0));
    }

    /** What {@code points} are worth when spent, in cents (rounded down). */
    public long valueCents(long points) {
        return points * centsPer100Points / 100;
    }

    public Programme next(int version, Instant at) {
        return new Programme(version, rates, firstPurchaseBonus, birthdayMonthPercent, bonusPeriods, pendingDays, expiryDays,
                tiers, centsPer100Points, at);
    }

    private static boolean matches(String rule, String value) {
        return ANY.equals(rule) || rule.equalsIgnoreCase(value);
    }
}
