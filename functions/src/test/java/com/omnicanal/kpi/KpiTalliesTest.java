package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.BusinessEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The channel an order's life counts in: an order Lyon République sold for its customer, for pickup at Paris Rivoli
 * (the endless aisle), is the store's; one placed online, or whose events were written before they said where it was
 * sold, is the web's. Either way on Paris Rivoli's rows.
 */
@Tag("fast")
class KpiTalliesTest {
    private static final String PARIS = "paris-rivoli";
    private static final String LYON = "lyon-republique";
    private static final Instant PLACED = Instant.parse("2026-11-23T08:00:00Z");
    private static final Instant READY = PLACED.plusSeconds(1800);
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final Set<String> SKUS = Set.of("TSH-COT-BLU-M");

    private final KpiTallies tallies = new KpiTallies(ZoneId.of("Europe/Paris"));

    /** Every event of an order's life, sold at {@code soldAt} (null: online). */
    private static List<BusinessEvent> life(String soldAt) {
        return List.of(
                new BusinessEvent.OrderPlaced("o1", "cust-camille", PARIS, SKUS, PLACED, soldAt),
                new BusinessEvent.OrderAccepted("o1", "cust-camille", PARIS, SKUS, PLACED.plusSeconds(60), soldAt),
                new BusinessEvent.OrderRejected("o2", "cust-camille", PARIS, SKUS, PLACED.plusSeconds(60), soldAt),
                new BusinessEvent.OrderReady("o1", "cust-camille", PARIS, SKUS, PLACED, PLACED.plusSeconds(3600), READY,
                        soldAt),
                new BusinessEvent.OrderCollected("o1", "cust-camille", PARIS, SKUS, READY.plusSeconds(3600),
                        new BusinessEvent.Sale(soldAt, soldAt == null ? null : "staff-karim", 2990)),
                new BusinessEvent.OrderExpired("o3", "cust-camille", PARIS, SKUS, READY.plusSeconds(7200), soldAt));
    }

    /** The day rows an event counts on (the sales report's month rows are not about channels). */
    private List<Tally.Day> days(BusinessEvent event) {
        return tallies.of(event).counts().stream().map(Tally.Count::row)
                .filter(Tally.Day.class::isInstance).map(Tally.Day.class::cast).toList();
    }

    @Test
    void anOrderSoldInAStoreCountsInTheStoreChannelOfItsPickupStore() {
        for (var event : life(LYON)) {
            assertThat(days(event)).as(event.toString()).containsExactly(new Tally.Day(PARIS, MONDAY, Channel.STORE));
        }
        var ready = tallies.of(life(LYON).get(3)).counts().get(0).adds();
        assertThat(ready).containsEntry(Counter.ORDERS_READY.key(), 1L).containsEntry(Counter.ORDERS_READY_ON_TIME.key(), 1L);
        assertThat(tallies.of(life(LYON).get(0)).activity())
                .isEqualTo(new Tally.CustomerActivity("cust-camille", "2026-W48", Channel.STORE, true));
    }

    @Test
    void anOrderPlacedOnlineCountsInTheWebChannel() {
        for (var event : life(null)) {
            assertThat(days(event)).as(event.toString()).containsExactly(new Tally.Day(PARIS, MONDAY, Channel.WEB));
        }
        assertThat(tallies.of(life(null).get(0)).activity())
                .isEqualTo(new Tally.CustomerActivity("cust-camille", "2026-W48", Channel.WEB, true));
    }

    @Test
    void anOrderEventWrittenBeforeItSaidWhereTheOrderWasSoldCountsOnline() {
        var old = List.<BusinessEvent>of(
                new BusinessEvent.OrderPlaced("o1", "cust-camille", PARIS, SKUS, PLACED),
                new BusinessEvent.OrderAccepted("o1", "cust-camille", PARIS, SKUS, PLACED),
                new BusinessEvent.OrderRejected("o2", "cust-camille", PARIS, SKUS, PLACED),
                new BusinessEvent.OrderReady("o1", "cust-camille", PARIS, SKUS, PLACED, null, READY),
                new BusinessEvent.OrderCollected("o1", "cust-camille", PARIS, SKUS, READY),
                new BusinessEvent.OrderExpired("o3", "cust-camille", PARIS, SKUS, READY));
        for (var event : old) {
            assertThat(days(event)).as(event.toString()).containsExactly(new Tally.Day(PARIS, MONDAY, Channel.WEB));
        }
    }
}
