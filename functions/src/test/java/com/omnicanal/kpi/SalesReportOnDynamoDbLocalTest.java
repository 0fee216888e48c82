package com.omnicanal.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.Idempotency;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.kpi.dynamo.DynamoKpiLedger;
import com.omnicanal.loyalty.AdjustingPoints;
import com.omnicanal.loyalty.LoyaltyProgramme;
import com.omnicanal.loyalty.Members;
import com.omnicanal.loyalty.RedeemingPoints;
import com.omnicanal.loyalty.dynamo.DynamoLoyaltyLedger;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.outbox.api.BusinessEventStream;
import com.omnicanal.outbox.dynamo.OutboxItems;
import com.omnicanal.reward.RewardCode;
import com.omnicanal.routing.DeliveryOrder;
import com.omnicanal.routing.DeliveryOrderRequest;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.PlacingDeliveryOrders;
import com.omnicanal.routing.Shipment;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessEvent;
import com.omnicanal.shared.DomainException;
import com.omnicanal.shared.IdempotencyKey;
import com.omnicanal.stock.StockLevel;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import com.omnicanal.testing.Keys;
import com.omnicanal.testing.StreamRecords;
import com.omnicanal.testing.TestBackend;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store accounting report over DynamoDB Local, from the real collect and hand-over to the KPI table through the
 * outbox stream: endless-aisle sales of Lyon fulfilled by Paris Rivoli and the web warehouse credit Lyon and Karim,
 * each event once however often and however concurrently it is handed over, and the report names no customer.
 */
class SalesReportOnDynamoDbLocalTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final String LYON = "lyon-republique";
    private static final String PARIS = "paris-rivoli";
    private static final String TEE = "TSH-COT-BLU-M";
    private static final String LINEN = "VES-LIN-BEI-M";
    private static final Actor KARIM = Actor.staff("staff-karim", LYON);
    private static final Actor LEA = Actor.staff("staff-lea", PARIS);
    private static final Actor OPS = Actor.ops("ops-nadia");
    private static final int THREADS = 24;

    private TestBackend backend;
    private ClickAndCollect orders;
    private HomeDelivery delivery;
    private DynamoKpiLedger ledger;
    private BusinessEventStream stream;
    private ReadingSalesReports reports;
    private String month;

    @BeforeEach
    void fresh() {
        backend = dynamo.backend();
        backend.resetTables();
        orders = ClickAndCollect.of(backend.catalog, backend.ledger, new DynamoOrders(backend.dynamo, backend.tables),
                new RecordingPayments(backend.clock), OrderPolicy.DEFAULT, backend.clock);
        delivery = backend.homeDelivery();
        ledger = new DynamoKpiLedger(backend.dynamo, backend.tables.kpis(), backend.clock);
        var tallies = new KpiTallies(ZoneId.of("Europe/Paris"));
        stream = new BusinessEventStream(new CountingKpis(tallies, ledger));
        reports = new ReadingSalesReports(() -> List.of(LYON, PARIS, "paris-saint-germain", "lille-neuve"), ledger, tallies,
                backend.clock);
        month = YearMonth.from(backend.clock.instant().atZone(ZoneId.of("Europe/Paris"))).toString();
        backend.stock(TEE, PARIS, 200);
        backend.stock(LINEN, StockLevel.WEB, 200);
    }

    /** Karim sells, in Lyon, what Lyon lacks: T-shirts Paris Rivoli ships and a jacket the warehouse ships. */
    private PlacingDeliveryOrders.Outcome soldInLyon(int tees) {
        var request = new DeliveryOrderRequest(List.of(new DeliveryOrderRequest.LineRequest(TEE, tees),
                new DeliveryOrderRequest.LineRequest(LINEN, 1)),
                new DeliveryOrder.Address("Hugo Lefèvre", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false, new DeliveryOrder.Contact("Hugo Lefèvre", "hugo@example.fr", null),
                "pa_aisle_000001", "cust-hugo");
        IdempotencyKey key = Callers.idempotencyKey("delivery-orders", new Idempotency.Key(KARIM.id(),
                UUID.randomUUID().toString(), Idempotency.fingerprint("/stores/lyon-republique/delivery-orders", Json.write(request))));
        var placed = delivery.placing().placeInStore(KARIM, LYON, request, key);
        assertThat(placed.shipments()).extracting(Shipment::locationId).containsExactlyInAnyOrder(PARIS, StockLevel.WEB);
        return placed;
    }

    /** Accepted, picked and packed by its place (the warehouse's by ops): ready to hand over. */
    private void packed(Shipment shipment) {
        var who = shipment.locationId().equals(PARIS) ? LEA : OPS;
        var f = delivery.fulfilling();
        f.accept(who, shipment.locationId(), shipment.id());
        f.pick(who, shipment.locationId(), shipment.id());
        f.pack(who, shipment.locationId(), shipment.id());
    }

    private Shipment handOver(Shipment shipment) {
        var who = shipment.locationId().equals(PARIS) ? LEA : OPS;
        return delivery.fulfilling().handOver(who, shipment.locationId(), shipment.id(), "Colissimo", "6A" + shipment.id());
    }

    /** Karim sells a T-shirt in Lyon, collected at Paris Rivoli: placed, accepted and made ready there. */
    private Order readyInParis(String customer) {
        var request = new OrderRequest(List.of(new OrderRequest.LineRequest(TEE, 1)), PARIS,
                new Order.Contact("Hugo Lefèvre", "hugo@example.fr", null), "pa_aisle_000002", null);
        var placed = orders.selling().place(KARIM, LYON, customer, request,
                Keys.order(new PlacingOrders.PlaceOrder(Actor.customer(customer), request), UUID.randomUUID().toString()));
        orders.preparing().accept(LEA, PARIS, placed.order().id());
        return orders.preparing().ready(LEA, PARIS, placed.order().id());
    }

    /** Every business event in the outbox, handed to kpiEvents {@code copies} times each, all at once. */
    private void countEverything(int copies) throws Exception {
        var failures = new AtomicInteger();
        var tasks = new ArrayList<Runnable>();
        int sequence = 0;
        for (var event : backend.businessEvents()) {
            if (!(event instanceof BusinessEvent.OrderCollected) && !(event instanceof BusinessEvent.ShipmentHandedOver)) continue;
            var record = record(event, sequence++);
            for (int copy = 0; copy < copies; copy++) {
                tasks.add(() -> failures.addAndGet(stream.apply(record).getBatchItemFailures().size()));
            }
        }
        DynamoKpiLedgerTest.together(tasks);
        assertThat(failures).hasValue(0);
    }

    private static DynamodbEvent record(BusinessEvent event, int sequence) {
        return StreamRecords.event(StreamRecords.insert(OutboxItems.event("Outbox", event), Integer.toString(sequence)));
    }

    @Test
    void anEndlessAisleOrderSplitBetweenParisAndTheWarehouseCreditsLyonAndKarim() throws Exception {
        var placed = soldInLyon(2);
        var tee = placed.order().lines().get(0).unitPriceCents();
        var linen = placed.order().lines().get(1).unitPriceCents();
        var atParis = placed.shipments().stream().filter(s -> s.locationId().equals(PARIS)).findFirst().orElseThrow();
        var atWarehouse = placed.shipments().stream().filter(s -> !s.locationId().equals(PARIS)).findFirst().orElseThrow();
        packed(atParis);
        packed(atWarehouse);
        handOver(atParis);
        handOver(atWarehouse);

        // the events, written with the hand-overs: the seller, what each shipment captured, the order counted once
        assertThat(backend.businessEvents()).filteredOn(BusinessEvent.ShipmentHandedOver.class::isInstance)
                .map(BusinessEvent.ShipmentHandedOver.class::cast)
                .extracting(e -> e.storeId() + " " + e.sale() + " " + e.firstOfOrder())
                .containsExactlyInAnyOrder(
                        PARIS + " " + new BusinessEvent.Sale(LYON, "staff-karim", 2L * tee) + " true",
                        "null " + new BusinessEvent.Sale(LYON, "staff-karim", linen) + " false");
        countEverything(12);

        var lyon = reports.report(KARIM, LYON, month);
        assertThat(lyon.byFulfilment()).filteredOn(f -> f.paidCents() > 0)
                .containsExactly(new SalesReport.ByFulfilment("shipped_from_elsewhere", 1, 2, 2L * tee + linen));
        assertThat(lyon.staff()).containsExactly(new SalesReport.ByStaff("staff-karim", 1, 2, 2L * tee + linen));
        assertThat(lyon.fulfilledFor()).isEmpty();
        var paris = reports.report(LEA, PARIS, month);
        assertThat(paris.sold().paidCents()).isZero();
        assertThat(paris.fulfilledFor()).containsExactly(new SalesReport.ForSeller(LYON, 1, 1, 2L * tee));
        assertThat(reports.report(OPS, "WEB", month).fulfilledFor())
                .containsExactly(new SalesReport.ForSeller(LYON, 0, 1, linen));

        // Paris's staff read Paris's report, not Lyon's; the report and the table name no customer
        assertThatThrownBy(() -> reports.report(LEA, LYON, month)).isInstanceOf(DomainException.Forbidden.class);
        assertThat(Json.write(lyon) + Json.write(paris)).doesNotContain("cust-hugo").doesNotContain("Hugo");
        var items = backend.dynamo.scan(r -> r.tableName(backend.tables.kpis())).items();
        assertThat(items.toString()).doesNotContain("cust-hugo").doesNotContain("Hugo");
    }

    @Test
    void anOnlineOrderPaidPartlyWithPointsIsCreditedToTheWebAtWhatWasPaid() throws Exception {
        var loyaltyLedger = new DynamoLoyaltyLedger(backend.dynamo, backend.tables);
        var orderStore = new DynamoOrders(backend.dynamo, backend.tables);
        var loyalty = LoyaltyProgramme.of(backend.catalog, loyaltyLedger, loyaltyLedger, orderStore,
                () -> RewardCode.newCode(RewardCode.POINTS), Members.NONE, Duration.ofDays(30), backend.clock);
        var camille = Actor.customer("cust-camille");
        loyalty.adjusting().adjust(OPS, camille.id(), new AdjustingPoints.Adjustment(2000, "welcome"));
        var reward = loyalty.redeeming().redeem(camille, new RedeemingPoints.Redemption(camille.id(), 500, null), null)
                .redeemed();
        var command = new PlacingOrders.PlaceOrder(camille, new OrderRequest(List.of(new OrderRequest.LineRequest(TEE, 3)),
                PARIS, new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_points_1", reward.code()));
        var placed = orders.placing().place(command, Keys.order(command, "points-1")).order();
        orders.preparing().accept(LEA, PARIS, placed.id());
        var ready = orders.preparing().ready(LEA, PARIS, placed.id());
        orders.collecting().collect(LEA, PARIS, placed.id(), ready.pickupCode());
        countEverything(2);

        // 3 T-shirts less the code's value: what the customer paid in money, captured at collection
        long paid = 3L * placed.lines().get(0).unitPriceCents() - reward.amountOffCents();
        assertThat(reward.amountOffCents()).isPositive();
        assertThat(reports.report(OPS, "web", month).byFulfilment()).filteredOn(f -> f.orders() > 0)
                .containsExactly(new SalesReport.ByFulfilment("collected_elsewhere", 1, 0, paid));
        assertThat(reports.report(LEA, PARIS, month).fulfilledFor())
                .containsExactly(new SalesReport.ForSeller("web", 1, 0, paid));
    }

    @Test
    void twentyFourHandOversAndCollectionsAtOnceGiveExactTotals() throws Exception {
        // 6 split orders (12 shipments, two of each order leaving at once) and 12 orders collected in Paris
        var shipments = new ArrayList<Shipment>();
        long shipped = 0;
        for (int i = 0; i < 6; i++) {
            var placed = soldInLyon(1 + i % 3);
            placed.shipments().forEach(this::packed);
            shipments.addAll(placed.shipments());
            shipped += placed.order().totalCents();
        }
        var ready = new ArrayList<Order>();
        long collected = 0;
        for (int i = 0; i < 12; i++) {
            var order = readyInParis("cust-aisle-" + i);
            ready.add(order);
            collected += order.amountDueCents();
        }
        var tasks = new ArrayList<Runnable>();
        shipments.forEach(s -> tasks.add(() -> handOver(s)));
        ready.forEach(o -> tasks.add(() -> orders.collecting().collect(LEA, PARIS, o.id(), o.pickupCode())));
        assertThat(tasks).hasSize(THREADS);
        DynamoKpiLedgerTest.together(tasks);

        var events = backend.businessEvents();
        // each order's first shipment, and only one, counts the order
        assertThat(events).filteredOn(BusinessEvent.ShipmentHandedOver.class::isInstance)
                .map(BusinessEvent.ShipmentHandedOver.class::cast).hasSize(12)
                .filteredOn(BusinessEvent.ShipmentHandedOver::firstOfOrder)
                .extracting(BusinessEvent.ShipmentHandedOver::orderId).hasSize(6).doesNotHaveDuplicates();
        countEverything(2);

        var lyon = reports.report(KARIM, LYON, month);
        assertThat(lyon.byFulfilment()).filteredOn(f -> f.paidCents() > 0).containsExactly(
                new SalesReport.ByFulfilment("collected_elsewhere", 12, 0, collected),
                new SalesReport.ByFulfilment("shipped_from_elsewhere", 6, 12, shipped));
        assertThat(lyon.staff()).containsExactly(new SalesReport.ByStaff("staff-karim", 18, 12, collected + shipped));
        var paris = reports.report(LEA, PARIS, month).fulfilledFor();
        var web = reports.report(OPS, "web", month).fulfilledFor();
        assertThat(paris).singleElement().satisfies(f -> {
            assertThat(f.seller()).isEqualTo(LYON);
            assertThat(f.shipments()).isEqualTo(6);
        });
        assertThat(web).singleElement().satisfies(f -> assertThat(f.shipments()).isEqualTo(6));
        assertThat(paris.get(0).orders() + web.get(0).orders()).isEqualTo(18);
        assertThat(paris.get(0).paidCents() + web.get(0).paidCents()).isEqualTo(collected + shipped);
        var marks = backend.dynamo.scan(r -> r.tableName(backend.tables.orders())).items().stream()
                .filter(i -> i.get("id").s().startsWith("HANDED_OVER#")).toList();
        assertThat(marks).hasSize(6).allSatisfy(m -> assertThat(m).doesNotContainKey("customerId"));
    }
}
