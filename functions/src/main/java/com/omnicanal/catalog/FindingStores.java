package com.omnicanal.catalog;

import com.omnicanal.shared.DomainException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The storefront lists the stores, and shows one with its hours in force for the week ahead (closures and holiday hours included). */
public final class FindingStores {
    public static final int DAYS_SHOWN = 7;

    private final Catalog catalog;
    private final Clock clock;

    public FindingStores(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    /** A store and its hours on each of the next days, from today where it is. */
    public record StoreWeek(Store store, List<Day> days) {
    }

    /** A date and the hours in force then, "" when closed. */
    public record Day(LocalDate date, String hours) {
    }

    public List<Store> all() {
        return catalog.stores();
    }

    public StoreWeek week(String id) {
        var store = catalog.store(id).orElseThrow(() -> new DomainException.NotFound("no store " + id));
        var today = LocalDate.ofInstant(clock.instant(), store.zone());
        var days = new ArrayList<Day>();
        for (int i = 0; i < DAYS_SHOWN; i++) days.add(new Day(today.plusDays(i), store.hoursText(today.plusDays(i))));
        return new StoreWeek(store, days);
    }
}
