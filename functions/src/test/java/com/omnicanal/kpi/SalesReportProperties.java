package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.memory.InMemoryKpiLedger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the sales and the order the stream hands their events over in (each up to three times): the sellers' rows
 * add up to every amount paid and count every order once, the fulfilling places' rows to what others sold, the staff
 * rows to what staff sold.
 */
class SalesReportProperties {
    private static final List<String> STORES = List.of("lyon-republique", "paris-rivoli", "lille-neuve");
    private static final Instant NOVEMBER = Instant.parse("2026-11-10T09:00:00Z");

    /** A sale: its seller (null: online), staff member, and the places that fulfilled it (null: the warehouse). */
    record Sale(String seller, String staff, boolean shipped, List<String> places, List<Integer> paid) {
    }

    @Provide
    Arbitrary<List<Sale>> sales() {
        var seller = Arbitraries.of("lyon-republique", "paris-rivoli", "online");
        var staff = Arbitraries.of("staff-a", "staff-b");
        var place = Arbitraries.of("lyon-republique", "paris-rivoli", "lille-neuve", "warehouse");
        var paid = Arbitraries.integers().between(0, 200_000);
        return Combinators.combine(seller, staff, Arbitraries.of(true, false), place.list().ofMinSize(1).ofMaxSize(3),
                paid.list().ofSize(3)).as((s, st, shipped, places, amounts) -> {
                    var online = s.equals("online");
                    var where = places.stream().map(p -> p.equals("warehouse") ? null : p).toList();
                    // a pickup order is collected in one store
                    if (!shipped) where = List.of(where.get(0) == null ? "lille-neuve" : where.get(0));
                    return new Sale(online ? null : s, online ? null : st, shipped, where, amounts.subList(0, where.size()));
                }).list().ofMaxSize(12);
    }

    @Property(tries = 200)
    void theRowsAddUpToWhatWasPaidAndCountEachOrderOnce(@ForAll("sales") List<Sale> sales, @ForAll long seed) {
        var events = new ArrayList<BusinessEvent>();
        long paid = 0, forOthers = 0, byStaff = 0, shipments = 0;
        for (int i = 0; i < sales.size(); i++) {
            var sale = sales.get(i);
            for (int s = 0; s < sale.places().size(); s++) {
                var place = sale.places().get(s);
                var amount = new BusinessEvent.Sale(sale.seller(), sale.staff(), sale.paid().get(s));
                events.add(sale.shipped()
                        ? new BusinessEvent.ShipmentHandedOver("s" + i + "-" + s, "d" + i, place, Set.of("SKU"), amount,
                                s == 0, NOVEMBER.plusSeconds(i))
                        : new BusinessEvent.OrderCollected("o" + i, "cust-" + i, place, Set.of("SKU"), NOVEMBER, amount));
                paid += sale.paid().get(s);
                if (sale.shipped()) shipments++;
                var seller = sale.seller() == null ? KpiTallies.WEB_WAREHOUSE : sale.seller();
                if (!seller.equals(place == null ? KpiTallies.WEB_WAREHOUSE : place)) forOthers += sale.paid().get(s);
                if (sale.staff() != null) byStaff += sale.paid().get(s);
            }
        }
        var random = new Random(seed);
        var handedOver = new ArrayList<BusinessEvent>();
        for (var event : events) for (int copy = 0; copy <= random.nextInt(3); copy++) handedOver.add(event);
        Collections.shuffle(handedOver, random);

        var ledger = new InMemoryKpiLedger();
        var tallies = new KpiTallies(ZoneId.of("Europe/Paris"));
        var counting = new CountingKpis(tallies, ledger);
        handedOver.forEach(counting::happened);

        var reports = new ReadingSalesReports(() -> STORES, ledger, tallies, new MutableClock(NOVEMBER));
        var all = new ArrayList<SalesReport>();
        for (var store : STORES) all.add(reports.report(Actor.ops("ops"), store, "2026-11"));
        all.add(reports.report(Actor.ops("ops"), "web", "2026-11"));
        assertThat(all.stream().mapToLong(r -> r.sold().paidCents()).sum()).isEqualTo(paid);
        assertThat(all.stream().mapToLong(r -> r.sold().orders()).sum()).isEqualTo(sales.size());
        assertThat(all.stream().mapToLong(r -> r.sold().shipments()).sum()).isEqualTo(shipments);
        assertThat(all.stream().mapToLong(r -> r.fulfilledForOthers().paidCents()).sum()).isEqualTo(forOthers);
        assertThat(all.stream().flatMap(r -> r.staff().stream()).mapToLong(SalesReport.ByStaff::paidCents).sum())
                .isEqualTo(byStaff);
        for (var report : all) {
            assertThat(report.byFulfilment().stream().mapToLong(SalesReport.ByFulfilment::paidCents).sum())
                    .isEqualTo(report.sold().paidCents());
            assertThat(report.staff().stream().mapToLong(SalesReport.ByStaff::orders).sum())
                    .isLessThanOrEqualTo(report.sold().orders());
            assertThat(report.fulfilledFor()).noneMatch(f -> Objects.equals(f.seller(), report.storeId()));
        }
    }
}
