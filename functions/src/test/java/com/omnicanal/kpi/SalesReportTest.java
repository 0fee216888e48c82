package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.MutableClock;
import com.omnicanal.testing.memory.InMemoryKpiLedger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store accounting report from the sales events, amounts computed by hand: an endless-aisle order sold in Lyon and
 * split between Paris Rivoli and the web warehouse, one sold in Lyon for pickup in Paris, Lyon's own sale paid partly
 * with points, and the web's sales Lyon fulfilled.
 */
class SalesReportTest {
    private static final String LYON = "lyon-republique";
    private static final String PARIS = "paris-rivoli";
    private static final Instant NOVEMBER = Instant.parse("2026-11-12T10:00:00Z");
    /** 23:30 UTC on 30 November is 00:30 on 1 December in Paris: December's. */
    private static final Instant LAST_NIGHT_OF_NOVEMBER_UTC = Instant.parse("2026-11-30T23:30:00Z");
    private static final Actor OPS = Actor.ops("ops-nadia");
    private static final Actor KARIM = Actor.staff("staff-karim", LYON);
    private static final Actor LEA = Actor.staff("staff-lea", PARIS);

    private InMemoryKpiLedger ledger;
    private CountingKpis counting;
    private ReadingSalesReports reports;

    @BeforeEach
    void ledger() {
        ledger = new InMemoryKpiLedger();
        var tallies = new KpiTallies(ZoneId.of("Europe/Paris"));
        counting = new CountingKpis(tallies, ledger);
        reports = new ReadingSalesReports(() -> List.of(LYON, PARIS, "lille-neuve"), ledger, tallies,
                new MutableClock(Instant.parse("2026-11-20T09:00:00Z")));
    }

    static BusinessEvent.Sale sale(String store, String staff, long paid) {
        return new BusinessEvent.Sale(store, staff, paid);
    }

    /** Every event of the story, in the order the stream might hand them over. */
    static List<BusinessEvent> story() {
        var karim = "staff-karim";
        return List.of(
                // d1, sold in Lyon by Karim: 2 T-shirts at 29.90 shipped by Paris Rivoli first, a jacket at 89.00 by the warehouse
                new BusinessEvent.ShipmentHandedOver("s1", "d1", PARIS, Set.of("TSH-COT-BLU-M"), sale(LYON, karim, 2 * 2990),
                        true, NOVEMBER),
                new BusinessEvent.ShipmentHandedOver("s2", "d1", null, Set.of("VES-LIN-BEI-M"), sale(LYON, karim, 8900),
                        false, NOVEMBER.plusSeconds(3600)),
                // o2, sold in Lyon by Karim, collected in Paris
                new BusinessEvent.OrderCollected("o2", "cust-hugo", PARIS, Set.of("TSH-COT-BLU-S"), NOVEMBER,
                        sale(LYON, karim, 2990)),
                // o3, Nina's sale collected in Lyon: 50.00 less a 5.00 points code
                new BusinessEvent.OrderCollected("o3", "cust-camille", LYON, Set.of("BOU-CIR-FIG"), NOVEMBER,
                        sale(LYON, "staff-nina", 5000 - 500)),
                // o4 and d5, sold online, fulfilled by Lyon
                new BusinessEvent.OrderCollected("o4", "cust-ines", LYON, Set.of("TSH-COT-BLU-L"), NOVEMBER,
                        sale(null, null, 1990)),
                new BusinessEvent.ShipmentHandedOver("s5", "d5", LYON, Set.of("TSH-COT-BLU-L"), sale(null, null, 3990),
                        true, NOVEMBER),
                // d6, Karim's sale shipped by Lyon itself after midnight in Paris: December's
                new BusinessEvent.ShipmentHandedOver("s6", "d6", LYON, Set.of("TSH-COT-BLU-L"), sale(LYON, karim, 1000),
                        true, LAST_NIGHT_OF_NOVEMBER_UTC));
    }

    @Test
    void theSellingStoreAndItsStaffAreCreditedWhoeverFulfilled() {
        story().forEach(counting::happened);

        var lyon = reports.report(KARIM, LYON, "2026-11");

        assertThat(lyon.currency()).isEqualTo("EUR");
        assertThat(lyon.byFulfilment()).containsExactly(
                new SalesReport.ByFulfilment("collected_here", 1, 0, 4500),
                new SalesReport.ByFulfilment("shipped_from_here", 0, 0, 0),
                new SalesReport.ByFulfilment("collected_elsewhere", 1, 0, 2990),
                // the split order counts once, its two shipments' amounts added
                new SalesReport.ByFulfilment("shipped_from_elsewhere", 1, 2, 5980 + 8900));
        assertThat(lyon.sold()).isEqualTo(new SalesReport.Figures(3, 2, 4500 + 2990 + 5980 + 8900));
        assertThat(lyon.staff()).containsExactly(
                new SalesReport.ByStaff("staff-karim", 2, 2, 5980 + 8900 + 2990),
                new SalesReport.ByStaff("staff-nina", 1, 0, 4500));
        assertThat(lyon.fulfilledFor()).containsExactly(new SalesReport.ForSeller("web", 2, 1, 1990 + 3990));
        assertThat(lyon.fulfilledForOthers()).isEqualTo(new SalesReport.Figures(2, 1, 1990 + 3990));
    }

    @Test
    void theFulfillingPlacesShowWhatTheyDidForTheSeller() {
        story().forEach(counting::happened);

        var paris = reports.report(LEA, PARIS, "2026-11");
        assertThat(paris.sold()).isEqualTo(new SalesReport.Figures(0, 0, 0));
        assertThat(paris.staff()).isEmpty();
        // d1's first shipment (its order counted there) and o2's collection
        assertThat(paris.fulfilledFor()).containsExactly(new SalesReport.ForSeller(LYON, 2, 1, 5980 + 2990));

        var web = reports.report(OPS, "WEB", "2026-11");
        assertThat(web.storeId()).isEqualTo("web");
        assertThat(web.byFulfilment()).filteredOn(f -> f.orders() > 0).containsExactly(
                new SalesReport.ByFulfilment("collected_elsewhere", 1, 0, 1990),
                new SalesReport.ByFulfilment("shipped_from_elsewhere", 1, 1, 3990));
        assertThat(web.fulfilledFor()).containsExactly(new SalesReport.ForSeller(LYON, 0, 1, 8900));
    }

    @Test
    void aMonthIsACalendarMonthInParis() {
        story().forEach(counting::happened);

        var december = reports.report(OPS, LYON, "2026-12");
        assertThat(december.byFulfilment()).filteredOn(f -> f.paidCents() > 0)
                .containsExactly(new SalesReport.ByFulfilment("shipped_from_here", 1, 1, 1000));
        assertThat(december.fulfilledFor()).isEmpty();
        // no month asked: the clock's (20 November)
        assertThat(reports.report(KARIM, LYON, null).month()).isEqualTo("2026-11");
    }

    @Test
    void eachEventCountsOnceHoweverOftenItIsHandedOver() {
        for (int copy = 0; copy < 3; copy++) story().forEach(counting::happened);

        assertThat(reports.report(KARIM, LYON, "2026-11").sold()).isEqualTo(new SalesReport.Figures(3, 2, 22370));
    }

    @Test
    void aCollectionWrittenBeforeSalesWereCarriedCountsInNoReport() {
        counting.happened(new BusinessEvent.OrderCollected("o9", "cust-camille", LYON, Set.of("TSH-COT-BLU-M"), NOVEMBER));

        assertThat(reports.report(KARIM, LYON, "2026-11").sold()).isEqualTo(new SalesReport.Figures(0, 0, 0));
    }

    @Test
    void onlyTheStoresStaffAndOpsReadItAndOnlyOpsTheWebs() {
        assertThatThrownBy(() -> reports.report(LEA, LYON, "2026-11")).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> reports.report(Actor.customer("cust-camille"), LYON, "2026-11"))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> reports.report(KARIM, "web", "2026-11")).isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> reports.report(OPS, "nantes-commerce", "2026-11"))
                .isInstanceOf(DomainException.NotFound.class);
        for (var bad : List.of("2026-13", "2026-1", "novembre", "2026-11-01")) {
            assertThatThrownBy(() -> reports.report(OPS, LYON, bad)).as(bad)
                    .isInstanceOf(DomainException.InvalidInput.class);
        }
    }
}
