package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.memory.InMemoryKpiLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * For random histories of business events handed over as a stream does (in any order across shards, some records
 * twice), the KPIs counted one event at a time equal the same KPIs recomputed from the distinct raw events by plain
 * counting, sorting and grouping; and handing any record over once more changes nothing.
 */
@Tag("fast")
class KpiRecountProperties {
    private static final ZoneId PARIS_TIME = ZoneId.of("Europe/Paris");
    private static final List<String> STORES = List.of("paris-rivoli", "lyon-republique", "lille-centre");
    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final LocalDate FROM = LocalDate.of(2026, 10, 31);
    private static final LocalDate TO = LocalDate.of(2026, 12, 3);
    private static final Set<String> SKUS = Set.of("TSH-COT-BLU-M");
    private static final Actor OPS = Actor.ops("ops-nadia");
    /** Beside the four facts of {@link MessageLives}: SMS sent, and their segments. */
    private static final int SMS_SENT = 4, SEGMENTS = 5;

    /** One generated fact; its index makes every subject distinct, as the outbox's keys do. */
    record Fact(int kind, String store, String other, String customer, long minute, long duration, int score, int score2) {
    }

    @Provide
    Arbitrary<List<Fact>> histories() {
        var fact = Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.of(STORES),
                        Arbitraries.of(STORES), Arbitraries.of("c1", "c2", "c3", "c4", "c5"),
                        Arbitraries.longs().between(0, 30L * 24 * 60), Arbitraries.longs().between(0, 4 * 24 * 60),
                        Arbitraries.integers().between(-1, 10), Arbitraries.integers().between(-1, 5))
                .as(Fact::new);
        return fact.list().ofMaxSize(60);
    }

    static List<BusinessEvent> events(List<Fact> facts) {
        var events = new ArrayList<BusinessEvent>();
        for (int i = 0; i < facts.size(); i++) {
            var f = facts.get(i);
            var id = "s" + i;
            var at = START.plus(Duration.ofMinutes(f.minute()));
            var before = at.minus(Duration.ofMinutes(f.duration()));
            events.add(switch (f.kind()) {
                case 0 -> new BusinessEvent.OrderPlaced(id, f.customer(), f.store(), SKUS, at);
                case 1 -> new BusinessEvent.OrderAccepted(id, f.customer(), f.store(), SKUS, at);
                case 2 -> new BusinessEvent.OrderRejected(id, f.customer(), f.store(), SKUS, at);
                case 3 -> new BusinessEvent.OrderReady(id, f.customer(), f.store(), SKUS, before,
                        before.plus(Duration.ofHours(2)), at);
                case 4 -> new BusinessEvent.OrderCollected(id, f.customer(), f.store(), SKUS, at);
                case 5 -> new BusinessEvent.OrderExpired(id, f.customer(), f.store(), SKUS, at);
                case 6 -> new BusinessEvent.ReservationHeld(id, f.customer(), f.store(), "TSH-COT-BLU-M", at);
                case 7 -> new BusinessEvent.ReservationCompleted(id, f.customer(), f.store(), "TSH-COT-BLU-M", at);
                case 8 -> new BusinessEvent.ReservationExpired(id, f.customer(), f.store(), "TSH-COT-BLU-M", at);
                // by post (no store) a third of the time
                case 9 -> new BusinessEvent.ReturnReceived(id, f.customer(), f.score() % 3 == 0 ? null : f.store(), SKUS,
                        at, f.other());
                case 10 -> new BusinessEvent.ReturnRefunded(id, f.customer(), f.score() % 3 == 0 ? null : f.store(), SKUS,
                        f.other(), before, at);
                case 11 -> new BusinessEvent.AppointmentCompleted(id, f.customer(), f.store(), SKUS, at);
                case 12 -> new BusinessEvent.AppointmentMissed(id, f.customer(), f.store(), SKUS, at);
                // points moved in a store, or online (no store) a third of the time
                case 14 -> new BusinessEvent.PointsMoved(id, f.score() % 3 == 0 ? null : f.store(),
                        BusinessEvent.PointsMoved.Movement.values()[Math.floorMod(f.score2(), 4)], 1 + f.duration() % 500, at);
                case 15 -> new BusinessEvent.SmsStopped(id, at);
                default -> new BusinessEvent.QuestionnaireAnswered(id,
                        f.score() % 4 == 0 ? null : f.store(), f.score() < 0 ? null : f.score(),
                        f.score2() < 1 ? null : f.score2(), at);
            });
        }
        return events;
    }

    @Property(tries = 200)
    void countedAsTheyComeEqualsRecountedFromTheRawEvents(@ForAll("histories") List<Fact> facts,
                                                          @ForAll("messages") List<MessageLives.Life> lives,
                                                          @ForAll long seed) {
        var events = events(facts);
        var messages = MessageLives.records(lives, START);
        var ledger = new InMemoryKpiLedger();
        var counting = new CountingKpis(new KpiTallies(PARIS_TIME), ledger);
        // the stream's deliveries: every record (an event, or a message's change), a few twice, shuffled
        var random = new Random(seed);
        var deliveries = new ArrayList<Runnable>();
        for (var event : events) deliveries.add(() -> counting.happened(event));
        for (var message : messages) {
            for (var change : message.changes()) {
                deliveries.add(() -> com.omnicanal.messaging.MessageChanges.between(change.before(), change.after(),
                        change.deliveredAt()).forEach(counting::happened));
            }
        }
        for (int i = 0, n = deliveries.size(); i < n; i++) if (random.nextInt(4) == 0) deliveries.add(deliveries.get(i));
        Collections.shuffle(deliveries, random);
        deliveries.forEach(Runnable::run);

        var reading = new ReadingKpis(() -> STORES, ledger);
        for (var grouping : List.of("store,channel,day", "store,week", "channel", "day")) {
            var counted = reading.read(OPS, FROM.toString(), TO.toString(), Optional.empty(), Optional.of(grouping));
            assertThat(counted.rows()).as(grouping).containsExactlyElementsOf(recount(events, messages, grouping));
        }
        var counted = reading.read(OPS, FROM.toString(), TO.toString(), Optional.empty(), Optional.empty());
        assertThat(counted.customers()).containsExactlyElementsOf(recountCustomers(events));
    }

    @Provide
    Arbitrary<List<MessageLives.Life>> messages() {
        return MessageLives.lives(STORES).list().ofMaxSize(25);
    }

    @Property(tries = 100)
    void handingAnyRecordOverAgainChangesNothing(@ForAll("histories") List<Fact> facts,
                                                 @ForAll("messages") List<MessageLives.Life> lives, @ForAll long seed) {
        var events = events(facts);
        var ledger = new InMemoryKpiLedger();
        var counting = new CountingKpis(new KpiTallies(PARIS_TIME), ledger);
        var records = new ArrayList<Runnable>();
        for (var event : events) records.add(() -> counting.happened(event));
        for (var message : MessageLives.records(lives, START)) {
            for (var change : message.changes()) {
                records.add(() -> com.omnicanal.messaging.MessageChanges.between(change.before(), change.after(),
                        change.deliveredAt()).forEach(counting::happened));
            }
        }
        if (records.isEmpty()) return;
        records.forEach(Runnable::run);
        var reading = new ReadingKpis(() -> STORES, ledger);
        var before = reading.read(OPS, FROM.toString(), TO.toString(), Optional.empty(), Optional.of("store,channel,day"));
        records.get(new Random(seed).nextInt(records.size())).run();
        assertThat(reading.read(OPS, FROM.toString(), TO.toString(), Optional.empty(), Optional.of("store,channel,day")))
                .isEqualTo(before);
    }

    // ---- the recount: straight from the raw events, no tallies, no ledger ----

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, PARIS_TIME);
    }

    private static String receiver(String store) {
        return store == null ? "web" : store;
    }

    /** Where each raw event falls: its store, channel and day, as the KPIs define them. */
    private record Place(String store, String channel, LocalDate day) {
    }

    private static Place place(BusinessEvent e) {
        if (e instanceof BusinessEvent.PointsMoved) {
            return new Place(receiver(e.storeId()), e.storeId() == null ? "web" : "store", day(e.at()));
        }
        if (e instanceof BusinessEvent.SmsStopped) return new Place("none", "sms", day(e.at()));
        if (e instanceof BusinessEvent.ReturnReceived || e instanceof BusinessEvent.ReturnRefunded) {
            return new Place(receiver(e.storeId()), e.storeId() == null ? "post" : "store", day(e.at()));
        }
        if (e instanceof BusinessEvent.QuestionnaireAnswered) {
            return new Place(receiver(e.storeId()), e.storeId() == null ? "web" : "store", day(e.at()));
        }
        var inStore = e instanceof BusinessEvent.ReservationCompleted || e instanceof BusinessEvent.AppointmentCompleted
                || e instanceof BusinessEvent.AppointmentMissed;
        return new Place(e.storeId(), inStore ? "store" : "web", day(e.at()));
    }

    private static List<KpiRow> recount(List<BusinessEvent> events, List<MessageLives.Message> messages, String grouping) {
        var dims = List.of(grouping.split(","));
        Function<Place, List<Object>> key = p -> {
            LocalDate start = dims.contains("day") ? p.day()
                    : dims.contains("week") ? max(p.day().minusDays(p.day().getDayOfWeek().getValue() - 1), FROM) : FROM;
            return java.util.Arrays.asList(start, dims.contains("store") ? p.store() : null,
                    dims.contains("channel") ? p.channel() : null);
        };
        // every group an event (or a sale returned elsewhere) falls in
        var groups = new TreeMap<String, List<Object>>();
        var members = new HashMap<String, List<BusinessEvent>>();
        var soldHere = new HashMap<String, List<BusinessEvent>>();
        for (var e : events) {
            if (e instanceof BusinessEvent.QuestionnaireAnswered a && a.nps() == null && a.csat() == null) continue;
            var k = key.apply(place(e));
            groups.put(name(k), k);
            members.computeIfAbsent(name(k), x -> new ArrayList<>()).add(e);
            if (e instanceof BusinessEvent.ReturnReceived r && r.soldAt() != null) {
                var p = place(e);
                var s = key.apply(new Place(r.soldAt(), p.channel(), p.day()));
                groups.put(name(s), s);
                soldHere.computeIfAbsent(name(s), x -> new ArrayList<>()).add(e);
            }
        }
        // each message's final record, counted whole: its attempts, its status, the provider's last word
        var said = new HashMap<String, long[]>();
        for (var m : messages) {
            for (var happened : m.recount()) {
                var k = key.apply(new Place(happened.store(), happened.channel(), day(happened.at())));
                groups.put(name(k), k);
                var sums = said.computeIfAbsent(name(k), x -> new long[6]);
                sums[happened.what()] += 1;
                if (happened.what() == MessageLives.SENT && happened.channel().equals("sms")) {
                    sums[SMS_SENT] += 1;
                    sums[SEGMENTS] += happened.segments();
                }
            }
        }
        var rows = new ArrayList<KpiRow>();
        for (var entry : groups.entrySet()) {
            var m = said.getOrDefault(entry.getKey(), new long[6]);
            var k = entry.getValue();
            var in = members.getOrDefault(entry.getKey(), List.of());
            var start = (LocalDate) k.get(0);
            var end = dims.contains("day") ? start : dims.contains("week")
                    ? min(start.plusDays(7 - start.getDayOfWeek().getValue()), TO) : TO;
            long placed = count(in, BusinessEvent.OrderPlaced.class), accepted = count(in, BusinessEvent.OrderAccepted.class);
            long rejected = count(in, BusinessEvent.OrderRejected.class);
            var ready = of(in, BusinessEvent.OrderReady.class);
            long onTime = ready.stream().filter(r -> !r.at().isAfter(r.readyBy())).count();
            long collected = count(in, BusinessEvent.OrderCollected.class), expired = count(in, BusinessEvent.OrderExpired.class);
            long held = count(in, BusinessEvent.ReservationHeld.class), completed = count(in, BusinessEvent.ReservationCompleted.class);
            long resExpired = count(in, BusinessEvent.ReservationExpired.class);
            var received = of(in, BusinessEvent.ReturnReceived.class);
            long forOthers = received.stream().filter(r -> r.soldAt() != null && !r.soldAt().equals(receiver(r.storeId()))).count();
            long salesReturned = soldHere.getOrDefault(entry.getKey(), List.of()).size();
            var refunded = of(in, BusinessEvent.ReturnRefunded.class);
            var answers = of(in, BusinessEvent.QuestionnaireAnswered.class);
            var nps = answers.stream().map(BusinessEvent.QuestionnaireAnswered::nps).filter(Objects::nonNull).toList();
            var csat = answers.stream().map(BusinessEvent.QuestionnaireAnswered::csat).filter(Objects::nonNull).toList();
            long promoters = nps.stream().filter(s -> s >= 9).count(), detractors = nps.stream().filter(s -> s <= 6).count();
            long satisfied = csat.stream().filter(s -> s >= 4).count();
            long visits = count(in, BusinessEvent.AppointmentCompleted.class), missed = count(in, BusinessEvent.AppointmentMissed.class);
            var toReady = ready.stream().map(r -> Duration.between(r.placedAt(), r.at())).toList();
            var toRefund = refunded.stream().map(r -> Duration.between(r.receivedAt(), r.at())).toList();
            rows.add(new KpiRow(start, end, (String) k.get(1), (String) k.get(2),
                    placed, accepted, rejected, ratio(rejected, accepted + rejected),
                    ready.size(), onTime, ratio(onTime, ready.size()),
                    exactThenBucketed(Histogram.TIME_TO_READY, toReady, 0.5), exactThenBucketed(Histogram.TIME_TO_READY, toReady, 0.9),
                    collected, expired, ratio(collected, collected + expired),
                    held, completed, resExpired, ratio(completed, completed + resExpired),
                    received.size(), forOthers, ratio(forOthers, received.size()),
                    salesReturned, ratio(salesReturned, collected + completed), refunded.size(),
                    exactThenBucketed(Histogram.TIME_TO_REFUND, toRefund, 0.5), exactThenBucketed(Histogram.TIME_TO_REFUND, toRefund, 0.9),
                    nps.size(), promoters, nps.size() - promoters - detractors, detractors,
                    nps.isEmpty() ? null : Math.round(10_000.0 * (promoters - detractors) / nps.size()) / 100.0,
                    csat.size(), satisfied, csat.isEmpty() ? null : Math.round(10_000.0 * satisfied / csat.size()) / 100.0,
                    visits, missed, ratio(missed, visits + missed),
                    m[MessageLives.SENT], m[MessageLives.DELIVERED], m[MessageLives.FAILED],
                    ratio(m[MessageLives.DELIVERED], m[MessageLives.SENT]),
                    m[MessageLives.FELL_BACK], m[SMS_SENT], m[SEGMENTS],
                    m[SMS_SENT] == 0 ? null : Math.round(100.0 * m[SEGMENTS] / m[SMS_SENT]) / 100.0,
                    count(in, BusinessEvent.SmsStopped.class),
                    ratio(count(in, BusinessEvent.SmsStopped.class), m[SMS_SENT]),
                    points(in, BusinessEvent.PointsMoved.Movement.ISSUED), points(in, BusinessEvent.PointsMoved.Movement.REDEEMED),
                    points(in, BusinessEvent.PointsMoved.Movement.REVERSED), points(in, BusinessEvent.PointsMoved.Movement.EXPIRED)));
        }
        rows.sort(java.util.Comparator.comparing(KpiRow::periodStart)
                .thenComparing(KpiRow::store, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(KpiRow::channel, java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        return rows;
    }

    /** Per ISO week: who did something, on which channels, how many purchases; then counted as sets. */
    private static List<Kpis.CustomerFigures> recountCustomers(List<BusinessEvent> events) {
        var channels = new TreeMap<String, Map<String, Set<String>>>();
        var purchases = new TreeMap<String, Map<String, Integer>>();
        for (var e : events) {
            Predicate<BusinessEvent> active = x -> x instanceof BusinessEvent.OrderPlaced
                    || x instanceof BusinessEvent.ReservationHeld || x instanceof BusinessEvent.ReservationCompleted
                    || x instanceof BusinessEvent.ReturnReceived || x instanceof BusinessEvent.AppointmentCompleted;
            if (!active.test(e) || e.customerId() == null) continue;
            var week = KpiTallies.week(day(e.at()));
            channels.computeIfAbsent(week, w -> new HashMap<>()).computeIfAbsent(e.customerId(), c -> new HashSet<>())
                    .add(place(e).channel());
            if (e instanceof BusinessEvent.OrderPlaced || e instanceof BusinessEvent.ReservationCompleted) {
                purchases.computeIfAbsent(week, w -> new HashMap<>()).merge(e.customerId(), 1, Integer::sum);
            }
        }
        var figures = new ArrayList<Kpis.CustomerFigures>();
        channels.forEach((week, byCustomer) -> {
            long activeCount = byCustomer.size();
            long multi = byCustomer.values().stream().filter(s -> s.size() >= 2).count();
            long repeat = purchases.getOrDefault(week, Map.of()).values().stream().filter(n -> n >= 2).count();
            var monday = byCustomer.isEmpty() ? null : mondayOf(week);
            figures.add(new Kpis.CustomerFigures(week, monday, activeCount, multi, ratio(multi, activeCount), repeat,
                    ratio(repeat, activeCount)));
        });
        return figures;
    }

    private static LocalDate mondayOf(String week) {
        for (var d = FROM; !d.isAfter(TO); d = d.plusDays(1)) {
            if (KpiTallies.week(d).equals(week)) return d.minusDays(d.getDayOfWeek().getValue() - 1);
        }
        throw new IllegalStateException(week);
    }

    /** The nearest-rank percentile of the exact durations, then the bound of the bucket it falls in. */
    private static Integer exactThenBucketed(Histogram histogram, List<Duration> durations, double p) {
        if (durations.isEmpty()) return null;
        var sorted = durations.stream().sorted().toList();
        var value = sorted.get((int) Math.max(0, Math.ceil(p * sorted.size()) - 1));
        var bucket = histogram.bucketOf(value);
        return histogram.bounds().get(Math.min(bucket, histogram.bounds().size() - 1));
    }

    private static long points(List<BusinessEvent> events, BusinessEvent.PointsMoved.Movement movement) {
        return of(events, BusinessEvent.PointsMoved.class).stream().filter(p -> p.movement() == movement)
                .mapToLong(BusinessEvent.PointsMoved::points).sum();
    }

    private static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    private static <T> List<T> of(List<BusinessEvent> events, Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static long count(List<BusinessEvent> events, Class<?> type) {
        return events.stream().filter(type::isInstance).count();
    }

    private static String name(List<Object> key) {
        return key.get(0) + "|" + (key.get(1) == null ? "" : key.get(1)) + "|" + (key.get(2) == null ? "" : key.get(2));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
