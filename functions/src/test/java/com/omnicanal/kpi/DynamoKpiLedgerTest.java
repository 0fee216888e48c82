package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.omnicanal.kpi.dynamo.DynamoKpiLedger;
import com.omnicanal.outbox.api.BusinessEventStream;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Race;
import com.omnicanal.testing.StreamRecords;
import com.omnicanal.testing.TestBackend;
import com.omnicanal.testing.memory.InMemoryKpiLedger;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The KPI table on DynamoDB Local: the stream's redeliveries, however many at once, count an event once. */
class DynamoKpiLedgerTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String PARIS = "paris-rivoli";
    private static final Instant MONDAY = Instant.parse("2026-11-23T08:00:00Z");
    private static final Actor OPS = Actor.ops("ops-nadia");
    private static final int THREADS = 24;

    private TestBackend backend;
    private DynamoKpiLedger ledger;
    private BusinessEventStream stream;
    private ReadingKpis reading;

    @BeforeEach
    void tables() {
        backend = dynamo.backend();
        ledger = new DynamoKpiLedger(dynamo.client(), backend.tables.kpis(), backend.clock);
        stream = new BusinessEventStream(new CountingKpis(new KpiTallies(ZoneId.of("Europe/Paris")), ledger));
        reading = new ReadingKpis(() -> List.of(PARIS, "lyon-republique", "lille-centre"), ledger);
    }

    /** The stream's record of an event, as the outbox writes it. */
    private static DynamodbEvent record(BusinessEvent event, int sequence) {
        return StreamRecords.event(StreamRecords.insert(OutboxItems.event("Outbox", event), Integer.toString(sequence)));
    }

    private Kpis week() {
        return reading.read(OPS, "2026-11-23", "2026-11-29", Optional.empty(), Optional.of("store"));
    }

    /** Runs every task at once from its own thread; fails if any task failed. */
    static void together(List<Runnable> tasks) throws Exception {
        Race.of(tasks.size()).within(Duration.ofSeconds(60)).run(i -> {
            tasks.get(i).run();
            return null;
        });
    }

    @Test
    void twentyFourRedeliveriesAtOnceCountTheEventOnce() throws Exception {
        var ready = new BusinessEvent.OrderReady("o1", "cust-camille", PARIS, Set.of("TSH-COT-BLU-M"), MONDAY,
                MONDAY.plusSeconds(7200), MONDAY.plusSeconds(1500));
        var failures = new AtomicInteger();
        var tasks = new ArrayList<Runnable>();
        for (int i = 0; i < THREADS; i++) {
            tasks.add(() -> failures.addAndGet(stream.apply(record(ready, 1)).getBatchItemFailures().size()));
        }
        together(tasks);

        assertThat(failures).hasValue(0);
        var row = week().rows().get(0);
        assertThat(row.ordersReady()).isEqualTo(1);
        assertThat(row.ordersReadyOnTime()).isEqualTo(1);
        assertThat(row.timeToReadyP50Minutes()).isEqualTo(30);
        // the mark that makes the next redelivery count nothing expires after the stream stopped trying
        var mark = dynamo.client().getItem(r -> r.tableName(backend.tables.kpis())
                .key(Map.of("pk", AttributeValue.fromS("COUNTED#OrderReady#o1"), "sk", AttributeValue.fromS("-")))).item();
        assertThat(Long.parseLong(mark.get("expiration").n()))
                .isEqualTo(backend.clock.instant().plus(java.time.Duration.ofDays(7)).getEpochSecond());
        assertThat(ledger.count(new KpiTallies(ZoneId.of("Europe/Paris")).of(ready))).isFalse();
    }

    @Test
    void aCustomersEventsRacingOnTwoChannelsCountThemOnceAsMultichannelAndRepeat() throws Exception {
        // 12 different events of one customer in one week, online and in store, each handed over twice at once
        var events = new ArrayList<BusinessEvent>();
        for (int i = 0; i < 6; i++) {
            events.add(new BusinessEvent.OrderPlaced("o" + i, "cust-camille", PARIS, Set.of("TSH-COT-BLU-M"),
                    MONDAY.plusSeconds(60L * i)));
            events.add(new BusinessEvent.ReservationCompleted("r" + i, "cust-camille", PARIS, "TSH-COT-BLU-M",
                    MONDAY.plusSeconds(60L * i)));
        }
        var tasks = new ArrayList<Runnable>();
        for (var event : events) {
            for (int copy = 0; copy < 2; copy++) {
                tasks.add(() -> assertThat(stream.apply(record(event, 1)).getBatchItemFailures()).isEmpty());
            }
        }
        together(tasks);

        var kpis = week();
        assertThat(kpis.rows().get(0).ordersPlaced()).isEqualTo(6);
        assertThat(kpis.rows().get(0).reservationsCompleted()).isEqualTo(6);
        assertThat(kpis.customers()).singleElement().satisfies(w -> {
            assertThat(w.activeCustomers()).isEqualTo(1);
            assertThat(w.multichannelCustomers()).isEqualTo(1);
            assertThat(w.repeatCustomers()).isEqualTo(1);
        });
        // the customer's week is kept under a digest of their id, never the id itself
        var items = dynamo.client().scan(r -> r.tableName(backend.tables.kpis())).items();
        assertThat(items).noneMatch(item -> item.toString().contains("cust-camille"));
    }

    @Test
    void theTableCountsAsTheInMemoryLedgerDoes() {
        var random = new Random(20);
        var facts = new ArrayList<KpiRecountProperties.Fact>();
        for (int i = 0; i < 80; i++) {
            facts.add(new KpiRecountProperties.Fact(random.nextInt(14), List.of(PARIS, "lyon-republique", "lille-centre")
                    .get(random.nextInt(3)), "lille-centre", "c" + random.nextInt(5), random.nextInt(6 * 24 * 60),
                    random.nextInt(3000), random.nextInt(12) - 1, random.nextInt(7) - 1));
        }
        var memory = new InMemoryKpiLedger();
        var counting = new CountingKpis(new KpiTallies(ZoneId.of("Europe/Paris")), memory);
        int sequence = 0;
        for (var event : KpiRecountProperties.events(facts)) {
            counting.happened(event);
            assertThat(stream.apply(record(event, sequence++)).getBatchItemFailures()).isEmpty();
        }
        var fromMemory = new ReadingKpis(() -> List.of(PARIS, "lyon-republique", "lille-centre"), memory);
        for (var grouping : List.of("store,channel,day", "week")) {
            assertThat(reading.read(OPS, "2026-10-31", "2026-11-10", Optional.empty(), Optional.of(grouping)))
                    .isEqualTo(fromMemory.read(OPS, "2026-10-31", "2026-11-10", Optional.empty(), Optional.of(grouping)));
        }
    }
}
