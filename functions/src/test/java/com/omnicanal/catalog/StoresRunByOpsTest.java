package com.omnicanal.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderPolicy;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders;
import com.omnicanal.order.dynamo.DynamoOrders;
import com.omnicanal.order.payments.RecordingPayments;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.BusinessMetrics;
import com.omnicanal.testing.Keys;
import com.omnicanal.shared.DomainException;
import com.omnicanal.testing.DynamoDbLocalPerClass;
import org.junit.jupiter.api.extension.RegisterExtension;
import com.omnicanal.testing.TestBackend;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Ops write stores whole; what a store offers is what the journeys let customers do there, at once. */
class StoresRunByOpsTest {
    @RegisterExtension
    static final DynamoDbLocalPerClass dynamo = new DynamoDbLocalPerClass();
    private static final Actor OPS = Actor.ops("ops-nadia");
    private TestBackend backend;
    private ManagingStores managing;
    private FindingStores finding;

    @BeforeEach
    void fresh() {
        backend = new TestBackend(dynamo.client());
        backend.resetTables();
        managing = new ManagingStores(backend.catalog, backend.clock);
        finding = new FindingStores(backend.catalog, backend.clock);
    }

    private Store rivoli() {
        return backend.catalog.store("paris-rivoli").orElseThrow();
    }

    private static Store with(Store s, List<StoreOffering> services) {
        return new Store(s.id(), s.name(), s.address(), s.phone(), s.timeZone(), s.openingHours(), s.coordinates(),
                s.readyTargetMinutes(), services, s.closures(), s.holidayHours());
    }

    @Test
    void opsOpenAStoreThenChangeItAndTheWeekShowsTheHoursInForce() {
        var opened = new Store("marseille-vieux-port", "Omnicanal Marseille", new Store.Address("2 quai du Port", "13002",
                "Marseille", "FR"), "+33 4 91 00 00 00", "Europe/Paris", List.of(new Store.OpeningHours("MONDAY", "10:00", "19:00"),
                new Store.OpeningHours("TUESDAY", "10:00", "19:00")),
                new Store.Coordinates(43.2965, 5.3698), 90, List.of(StoreOffering.CLICK_AND_COLLECT), List.of(), List.of());
        assertThat(managing.put(new ManagingStores.PutStore(OPS, opened)).created()).isTrue();
        var closedMonday = new Store(opened.id(), opened.name(), opened.address(), opened.phone(), opened.timeZone(),
                opened.openingHours(), opened.coordinates(), 90, opened.services(),
                List.of(new Store.Closure("2026-11-23", "2026-11-23", "inventaire")), List.of());
        assertThat(managing.put(new ManagingStores.PutStore(OPS, closedMonday)).created()).isFalse();

        var week = finding.week("marseille-vieux-port");
        assertThat(week.days()).hasSize(7);
        assertThat(week.days().get(0).date()).hasToString("2026-11-23");
        assertThat(week.days().get(0).hours()).as("closed for the inventory").isEmpty();
        assertThat(week.days().get(1).hours()).isEqualTo("10:00-19:00");
        assertThat(finding.all()).extracting(Store::id).contains("marseille-vieux-port");
    }

    @Test
    void onlyOpsWriteStoresAndWhatOpenapiCannotSayIsRefusedByField() {
        assertThatThrownBy(() -> new ManagingStores.PutStore(Actor.staff("staff-lea", "paris-rivoli"), rivoli()))
                .isInstanceOf(DomainException.Forbidden.class);
        var r = rivoli();
        var bad = new Store(r.id(), r.name(), r.address(), r.phone(), "Paris", r.openingHours(), r.coordinates(),
                r.readyTargetMinutes(), r.services(), r.closures(), r.holidayHours());
        assertThatThrownBy(() -> new ManagingStores.PutStore(OPS, bad)).isInstanceOfSatisfying(DomainException.InvalidInput.class,
                e -> assertThat(e.violations()).extracting(DomainException.Violation::field).containsExactly("timeZone"));
        assertThat(rivoli().timeZone()).isEqualTo("Europe/Paris");
    }

    @Test
    void aStoreThatStopsTakingReservationsAndClickAndCollectRefusesThemAtOnce() {
        backend.stock("TSH-COT-BLU-M", "paris-rivoli", 5);
        managing.put(new ManagingStores.PutStore(OPS, with(rivoli(), List.of(StoreOffering.RETURNS))));

        assertThatThrownBy(() -> backend.reservationService.reserve(Actor.customer("cust-camille"),
                new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1), Keys.reservation(Actor.customer("cust-camille"),
                        "k-1", new ReservationRequest("TSH-COT-BLU-M", "paris-rivoli", 1))))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("reservations");
        var orders = ClickAndCollect.of(backend.catalog, backend.ledger, new DynamoOrders(dynamo.client(), backend.tables),
                new RecordingPayments(backend.clock), OrderPolicy.DEFAULT, backend.clock, BusinessMetrics.NONE);
        var request = new OrderRequest(List.of(new OrderRequest.LineRequest("TSH-COT-BLU-M", 1)), "paris-rivoli",
                new Order.Contact("Camille Martin", "camille.martin@example.fr", null), "pa_3QxZ9b2eZvKYlo2C");
        var place = new PlacingOrders.PlaceOrder(Actor.customer("cust-camille"), request);
        assertThatThrownBy(() -> orders.placing().place(place, Keys.order(place, "k-2")))
                .isInstanceOf(DomainException.InvalidState.class).hasMessageContaining("click-and-collect");
        assertThat(backend.level("TSH-COT-BLU-M", "paris-rivoli").reserved()).isZero();
    }
}
