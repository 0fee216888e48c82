package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.messaging.MessageFact;
import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.memory.InMemoryKpiLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Each KPI against a small history computed by hand: Monday 23 November 2026 at Paris Rivoli (and one return sold at
 * Lyon République), refunds the day after. The comments give the arithmetic.
 */
@Tag("fast")
class KpiFormulasTest {
    private static final String PARIS = "paris-rivoli";
    private static final String LYON = "lyon-republique";
    private static final Instant MONDAY = Instant.parse("2026-11-23T08:00:00Z");
    private static final Set<String> SKUS = Set.of("TSH-COT-BLU-M");

    private final InMemoryKpiLedger ledger = new InMemoryKpiLedger();
    private final CountingKpis counting = new CountingKpis(new KpiTallies(ZoneId.of("Europe/Paris")), ledger);
    private final ReadingKpis reading = new ReadingKpis(() -> List.of(PARIS, LYON), ledger);
    private final Actor ops = Actor.ops("ops-nadia");

    private static Instant at(long minutes) {
        return MONDAY.plus(Duration.ofMinutes(minutes));
    }

    @BeforeEach
    void history() {
        // orders: c1 twice, c2, c3; o4 rejected
        counting.happened(new BusinessEvent.OrderPlaced("o1", "c1", PARIS, SKUS, at(0)));
        counting.happened(new BusinessEvent.OrderPlaced("o2", "c2", PARIS, SKUS, at(0)));
        counting.happened(new BusinessEvent.OrderPlaced("o3", "c3", PARIS, SKUS, at(0)));
        counting.happened(new BusinessEvent.OrderPlaced("o4", "c1", PARIS, SKUS, at(0)));
        counting.happened(new BusinessEvent.OrderAccepted("o1", "c1", PARIS, SKUS, at(5)));
        counting.happened(new BusinessEvent.OrderAccepted("o2", "c2", PARIS, SKUS, at(5)));
        counting.happened(new BusinessEvent.OrderAccepted("o3", "c3", PARIS, SKUS, at(5)));
        counting.happened(new BusinessEvent.OrderRejected("o4", "c1", PARIS, SKUS, at(5)));
        // ready after 20 min (bucket 30), 70 min (bucket 90), 180 min (bucket 180, after its ready-by)
        counting.happened(new BusinessEvent.OrderReady("o1", "c1", PARIS, SKUS, at(0), at(120), at(20)));
        counting.happened(new BusinessEvent.OrderReady("o2", "c2", PARIS, SKUS, at(0), at(120), at(70)));
        counting.happened(new BusinessEvent.OrderReady("o3", "c3", PARIS, SKUS, at(0), at(120), at(180)));
        counting.happened(new BusinessEvent.OrderCollected("o1", "c1", PARIS, SKUS, at(200)));
        counting.happened(new BusinessEvent.OrderCollected("o2", "c2", PARIS, SKUS, at(200)));
        counting.happened(new BusinessEvent.OrderExpired("o3", "c3", PARIS, SKUS, at(300)));
        // reservations: c2 holds online and buys in store; c3's expires; c6 holds
        counting.happened(new BusinessEvent.ReservationHeld("r1", "c2", PARIS, "TSH-COT-BLU-M", at(10)));
        counting.happened(new BusinessEvent.ReservationHeld("r2", "c3", PARIS, "TSH-COT-BLU-M", at(10)));
        counting.happened(new BusinessEvent.ReservationHeld("r3", "c6", PARIS, "TSH-COT-BLU-M", at(10)));
        counting.happened(new BusinessEvent.ReservationCompleted("r1", "c2", PARIS, "TSH-COT-BLU-M", at(100)));
        counting.happened(new BusinessEvent.ReservationExpired("r2", "c3", PARIS, "TSH-COT-BLU-M", at(400)));
        // returns received at Paris from c4: one sold at Lyon, one sold at Paris
        counting.happened(new BusinessEvent.ReturnReceived("ret1", "c4", PARIS, SKUS, at(60), LYON));
        counting.happened(new BusinessEvent.ReturnReceived("ret2", "c4", PARIS, SKUS, at(60), PARIS));
        // refunded after 3 h (bucket 4) and 30 h (bucket 48, on Tuesday)
        counting.happened(new BusinessEvent.ReturnRefunded("ret1", "c4", PARIS, SKUS, LYON, at(60), at(240)));
        counting.happened(new BusinessEvent.ReturnRefunded("ret2", "c4", PARIS, SKUS, PARIS, at(60), at(60 + 30 * 60)));
        // answers: NPS 10, 9, 8, 3; CSAT 5, 4, 2 (one answer without NPS)
        counting.happened(new BusinessEvent.QuestionnaireAnswered("i1", PARIS, 10, 5, at(300)));
        counting.happened(new BusinessEvent.QuestionnaireAnswered("i2", PARIS, 9, 4, at(300)));
        counting.happened(new BusinessEvent.QuestionnaireAnswered("i3", PARIS, 8, null, at(300)));
        counting.happened(new BusinessEvent.QuestionnaireAnswered("i4", PARIS, 3, 2, at(300)));
        // appointments: c5 came three times, c7 did not come
        for (var id : List.of("a1", "a2", "a3")) {
            counting.happened(new BusinessEvent.AppointmentCompleted(id, "c5", PARIS, Set.of(), at(500)));
        }
        counting.happened(new BusinessEvent.AppointmentMissed("a4", "c7", PARIS, Set.of(), at(500)));
    }

    private KpiRow paris(Kpis kpis) {
        return kpis.rows().stream().filter(r -> PARIS.equals(r.store())).findFirst().orElseThrow();
    }

    private Kpis twoDays(String groupBy) {
        return reading.read(ops, "2026-11-23", "2026-11-24", Optional.empty(), Optional.of(groupBy));
    }

    @Test
    void clickAndCollectRatesAndTimeToReady() {
        var row = paris(twoDays("store"));
        assertThat(row.ordersPlaced()).isEqualTo(4);
        // 1 rejected of 4 decided
        assertThat(row.rejectionRate()).isEqualTo(0.25);
        // 2 of 3 ready by their ready-by time
        assertThat(row.readyOnTimeRate()).isEqualTo(0.6667);
        // 20, 70, 180 min: the median is the 2nd (bucket up to 90), the 90th percentile the 3rd (up to 180)
        assertThat(row.timeToReadyP50Minutes()).isEqualTo(90);
        assertThat(row.timeToReadyP90Minutes()).isEqualTo(180);
        // 2 collected, 1 expired
        assertThat(row.pickupRate()).isEqualTo(0.6667);
    }

    @Test
    void reservationConversion() {
        var row = paris(twoDays("store"));
        assertThat(row.reservationsHeld()).isEqualTo(3);
        // 1 completed of the 2 that ended (r3 still held)
        assertThat(row.reservationConversionRate()).isEqualTo(0.5);
    }

    @Test
    void returnsAcrossStoresAndTimeToRefund() {
        var kpis = twoDays("store");
        var row = paris(kpis);
        assertThat(row.returnsReceived()).isEqualTo(2);
        // one of the two sold elsewhere
        assertThat(row.crossStoreReturnShare()).isEqualTo(0.5);
        // Paris's own sales returned: 1, over 2 orders collected + 1 reservation completed
        assertThat(row.salesReturned()).isEqualTo(1);
        assertThat(row.returnRate()).isEqualTo(0.3333);
        // 3 h and 30 h: median up to 4 h, 90th percentile up to 48 h
        assertThat(row.timeToRefundP50Hours()).isEqualTo(4);
        assertThat(row.timeToRefundP90Hours()).isEqualTo(48);
        // Lyon's sale returned at Paris counts at Lyon
        var lyon = kpis.rows().stream().filter(r -> LYON.equals(r.store())).findFirst().orElseThrow();
        assertThat(lyon.salesReturned()).isEqualTo(1);
        assertThat(lyon.returnsReceived()).isZero();
        assertThat(lyon.returnRate()).isNull();
    }

    @Test
    void npsCsatAndNoShows() {
        var row = paris(twoDays("store"));
        // (2 promoters - 1 detractor) / 4 answers
        assertThat(row.nps()).isEqualTo(25.0);
        assertThat(row.promoters()).isEqualTo(2);
        assertThat(row.passives()).isEqualTo(1);
        // 2 of 3 answers at 4 or 5
        assertThat(row.csat()).isEqualTo(66.67);
        // 1 missed of 4 appointments
        assertThat(row.noShowRate()).isEqualTo(0.25);
    }

    @Test
    void customersOnMergedIdsAcrossChannels() {
        var customers = twoDays("store").customers();
        assertThat(customers).hasSize(1);
        var week = customers.get(0);
        assertThat(week.week()).isEqualTo("2026-W48");
        assertThat(week.weekStart()).isEqualTo(LocalDate.of(2026, 11, 23));
        // c1, c2, c3, c4 (returns), c5 (visits), c6 (a hold); c7 missed and c4's refund are no activity
        assertThat(week.activeCustomers()).isEqualTo(6);
        // c2: online and in store
        assertThat(week.multichannelCustomers()).isEqualTo(1);
        assertThat(week.multichannelShare()).isEqualTo(0.1667);
        // c1 (o1, o4) and c2 (o2, r1 bought)
        assertThat(week.repeatCustomers()).isEqualTo(2);
        assertThat(week.repeatRate()).isEqualTo(0.3333);
    }

    @Test
    void groupingByDayAndChannelSplitsTheRows() {
        var kpis = twoDays("store,channel,day");
        var monday = LocalDate.of(2026, 11, 23);
        var webMonday = kpis.rows().stream().filter(r -> PARIS.equals(r.store()) && "web".equals(r.channel())
                && r.periodStart().equals(monday)).findFirst().orElseThrow();
        assertThat(webMonday.periodEnd()).isEqualTo(monday);
        assertThat(webMonday.ordersPlaced()).isEqualTo(4);
        assertThat(webMonday.reservationsCompleted()).isZero();
        var storeMonday = kpis.rows().stream().filter(r -> PARIS.equals(r.store()) && "store".equals(r.channel())
                && r.periodStart().equals(monday)).findFirst().orElseThrow();
        assertThat(storeMonday.reservationsCompleted()).isEqualTo(1);
        // the 30-hour refund is Tuesday's
        var tuesday = kpis.rows().stream().filter(r -> PARIS.equals(r.store())
                && r.periodStart().equals(monday.plusDays(1))).findFirst().orElseThrow();
        assertThat(tuesday.returnsRefunded()).isEqualTo(1);
        assertThat(tuesday.timeToRefundP50Hours()).isEqualTo(48);
        // without store nor channel: one row per week, every store
        var all = twoDays("week");
        assertThat(all.rows()).hasSize(1);
        assertThat(all.rows().get(0).store()).isNull();
        assertThat(all.rows().get(0).salesReturned()).isEqualTo(2);
        assertThat(all.rows().get(0).periodStart()).isEqualTo(monday);
        assertThat(all.rows().get(0).periodEnd()).isEqualTo(monday.plusDays(1));
    }

    private void message(String id, MessageFact.Kind kind, ChannelKind channel, String store, int segments) {
        counting.happened(new MessageFact(id, kind, channel, store, segments, at(30)));
    }

    @Test
    void deliveryRateSegmentsPerSmsAndStopRate() {
        // Paris: 4 SMS sent (1 + 1 + 2 + 3 = 7 segments) and 2 emails; 3 SMS and 1 email delivered; one SMS lost
        // after sending, one refused at hand-over and fallen back to email
        int n = 0;
        for (int segments : new int[] {1, 1, 2, 3}) message("sms" + n++, MessageFact.Kind.SENT, ChannelKind.SMS, PARIS, segments);
        message("mail1", MessageFact.Kind.SENT, ChannelKind.EMAIL, PARIS, 0);
        message("mail2", MessageFact.Kind.SENT, ChannelKind.EMAIL, PARIS, 0);
        for (var id : List.of("sms0", "sms1", "sms2")) message(id + "#d", MessageFact.Kind.DELIVERED, ChannelKind.SMS, PARIS, 0);
        message("mail1#d", MessageFact.Kind.DELIVERED, ChannelKind.EMAIL, PARIS, 0);
        message("sms3#lost", MessageFact.Kind.FAILED, ChannelKind.SMS, PARIS, 0);
        message("mail2#refused", MessageFact.Kind.FAILED, ChannelKind.SMS, PARIS, 0);
        message("mail2#fallback", MessageFact.Kind.FELL_BACK, ChannelKind.SMS, PARIS, 0);
        // no store: 8 marketing SMS of one segment, and 2 people texted STOP
        for (int i = 0; i < 8; i++) message("promo" + i, MessageFact.Kind.SENT, ChannelKind.SMS, null, 1);
        counting.happened(new BusinessEvent.SmsStopped("SM1", at(60)));
        counting.happened(new BusinessEvent.SmsStopped("SM2", at(61)));
        // a repeated callback or a redelivered record: counted before, nothing more
        message("sms0#d", MessageFact.Kind.DELIVERED, ChannelKind.SMS, PARIS, 0);
        counting.happened(new BusinessEvent.SmsStopped("SM1", at(60)));

        var paris = paris(twoDays("store"));
        assertThat(paris.messagesSent()).isEqualTo(6);
        // 4 delivered of 6 sent
        assertThat(paris.deliveryRate()).isEqualTo(0.6667);
        assertThat(paris.messagesFailed()).isEqualTo(2);
        assertThat(paris.messageFallbacks()).isEqualTo(1);
        // 7 segments for 4 SMS
        assertThat(paris.smsSegments()).isEqualTo(7);
        assertThat(paris.segmentsPerSms()).isEqualTo(1.75);
        // no STOP is about a store
        assertThat(paris.stopRate()).isEqualTo(0.0);

        var bySms = twoDays("store,channel").rows().stream()
                .filter(r -> PARIS.equals(r.store()) && "sms".equals(r.channel())).findFirst().orElseThrow();
        // 3 of 4 SMS delivered
        assertThat(bySms.deliveryRate()).isEqualTo(0.75);
        var none = twoDays("store").rows().stream().filter(r -> "none".equals(r.store())).findFirst().orElseThrow();
        // 2 STOPs for 8 SMS
        assertThat(none.smsStops()).isEqualTo(2);
        assertThat(none.stopRate()).isEqualTo(0.25);
        // every store: 2 STOPs for 12 SMS; 15 segments for 12 SMS
        var all = twoDays("week").rows().get(0);
        assertThat(all.stopRate()).isEqualTo(0.1667);
        assertThat(all.segmentsPerSms()).isEqualTo(1.25);
        // staff of Paris see Paris's messages, never the STOPs of nobody's store
        var staff = reading.read(Actor.staff("staff-paris", PARIS), "2026-11-23", "2026-11-24", Optional.empty(),
                Optional.of("store"));
        assertThat(staff.rows()).singleElement().satisfies(r -> assertThat(r.smsStops()).isZero());
    }

    @Test
    void pointsPerStoreAndOnline() {
        counting.happened(new BusinessEvent.PointsMoved("e1-0", PARIS, BusinessEvent.PointsMoved.Movement.ISSUED, 120, at(0)));
        counting.happened(new BusinessEvent.PointsMoved("e2-0", PARIS, BusinessEvent.PointsMoved.Movement.ISSUED, 80, at(0)));
        counting.happened(new BusinessEvent.PointsMoved("e3-0", PARIS, BusinessEvent.PointsMoved.Movement.REDEEMED, 50, at(0)));
        counting.happened(new BusinessEvent.PointsMoved("e4-0", PARIS, BusinessEvent.PointsMoved.Movement.REVERSED, 30, at(0)));
        counting.happened(new BusinessEvent.PointsMoved("e5-0", PARIS, BusinessEvent.PointsMoved.Movement.EXPIRED, 10, at(0)));
        counting.happened(new BusinessEvent.PointsMoved("e6-0", null, BusinessEvent.PointsMoved.Movement.REDEEMED, 40, at(0)));
        // the same posting's event again
        counting.happened(new BusinessEvent.PointsMoved("e1-0", PARIS, BusinessEvent.PointsMoved.Movement.ISSUED, 120, at(0)));
        var paris = paris(twoDays("store"));
        assertThat(paris.pointsIssued()).isEqualTo(200);
        assertThat(paris.pointsRedeemed()).isEqualTo(50);
        assertThat(paris.pointsReversed()).isEqualTo(30);
        assertThat(paris.pointsExpired()).isEqualTo(10);
        // redeemed online: the web's row
        var web = twoDays("store").rows().stream().filter(r -> "web".equals(r.store())).findFirst().orElseThrow();
        assertThat(web.pointsRedeemed()).isEqualTo(40);
        assertThat(twoDays("week").rows().get(0).pointsRedeemed()).isEqualTo(90);
    }

    @Test
    void theStoresDayFollowsTheStoresClock() {
        // 23:30 UTC on Monday is Tuesday 00:30 in Paris
        counting.happened(new BusinessEvent.OrderPlaced("late", "c9", PARIS, SKUS, Instant.parse("2026-11-23T23:30:00Z")));
        var tuesday = reading.read(ops, "2026-11-24", "2026-11-24", Optional.of(PARIS), Optional.of("store,day"));
        assertThat(tuesday.rows()).singleElement().extracting(KpiRow::ordersPlaced).isEqualTo(1L);
    }

    @Test
    void staffReadTheirOwnStoreOnly() {
        var lea = Actor.staff("staff-lea", PARIS);
        var own = reading.read(lea, "2026-11-23", "2026-11-24", Optional.empty(), Optional.empty());
        assertThat(own.rows()).extracting(KpiRow::store).containsOnly(PARIS);
        // customers span every store: ops' figures
        assertThat(own.customers()).isEmpty();
        assertThatThrownBy(() -> reading.read(lea, "2026-11-23", "2026-11-24", Optional.of(LYON), Optional.empty()))
                .isInstanceOf(DomainException.Forbidden.class);
        assertThatThrownBy(() -> reading.read(Actor.customer("c1"), "2026-11-23", "2026-11-24", Optional.empty(),
                Optional.empty())).isInstanceOf(DomainException.Forbidden.class);
    }

    @Test
    void badPeriodsAndGroupingsAreRefused() {
        assertThatThrownBy(() -> reading.read(ops, "2026-11-24", "2026-11-23", Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(DomainException.InvalidInput.class,
                        e -> assertThat(e.violations()).extracting(DomainException.Violation::field).containsExactly("to"));
        assertThatThrownBy(() -> reading.read(ops, "2025-01-01", "2026-01-02", Optional.empty(), Optional.empty()))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> reading.read(ops, "2026-11-23", "2026-11-24", Optional.empty(), Optional.of("day,week")))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> reading.read(ops, "2026-11-23", "2026-11-24", Optional.empty(), Optional.of("store,store")))
                .isInstanceOf(DomainException.InvalidInput.class);
        assertThatThrownBy(() -> reading.read(ops, "2026-02-30", "2026-11-24", Optional.empty(), Optional.empty()))
                .isInstanceOf(DomainException.InvalidInput.class);
    }

    @Test
    void csvHasOneLinePerRowAndEmptyCellsForNullRates() {
        var csv = ReadingKpis.csv(twoDays("store"));
        var lines = csv.split("\r\n");
        assertThat(lines[0]).startsWith("periodStart,periodEnd,store,channel,ordersPlaced,");
        assertThat(lines).hasSize(3);
        var lyon = List.of(lines).stream().filter(l -> l.contains(LYON)).findFirst().orElseThrow().split(",", -1);
        var header = List.of(lines[0].split(","));
        assertThat(lyon[header.indexOf("salesReturned")]).isEqualTo("1");
        assertThat(lyon[header.indexOf("returnRate")]).isEmpty();
        assertThat(lyon[header.indexOf("channel")]).isEmpty();
    }

    @Test
    void histogramBucketsAndPercentiles() {
        var h = Histogram.TIME_TO_READY;
        assertThat(h.bucketOf(Duration.ofMinutes(15))).isZero();
        assertThat(h.bucketOf(Duration.ofMinutes(15).plusSeconds(1))).isEqualTo(1);
        assertThat(h.bucketOf(Duration.ofMinutes(-3))).isZero();
        assertThat(h.bucketOf(Duration.ofDays(3))).isEqualTo(h.bounds().size());
        assertThat(h.percentile(Map.of(), 0.5)).isNull();
        // 9 within 15 min and 1 beyond two days: p50 15, p90 15, p100 the last bound
        var counts = Map.of(h.key(0), 9L, h.key(h.bounds().size()), 1L);
        assertThat(h.percentile(counts, 0.5)).isEqualTo(15);
        assertThat(h.percentile(counts, 0.9)).isEqualTo(15);
        assertThat(h.percentile(counts, 1.0)).isEqualTo(2880);
    }

    @Test
    void npsAndRatesHandleNothingToDivide() {
        assertThat(KpiFormulas.nps(0, 0, 0)).isNull();
        assertThat(KpiFormulas.nps(0, 3, 3)).isEqualTo(-100.0);
        assertThat(KpiFormulas.rate(1, 3)).isEqualTo(0.3333);
        assertThat(KpiFormulas.percent(1, 3)).isEqualTo(33.33);
        assertThat(KpiFormulas.rate(0, 0)).isNull();
    }
}
