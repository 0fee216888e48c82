package com.omnicanal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.omnicanal.routing.Shipment.Status;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The rule: a delivery order can be cancelled while no parcel is picked, packed or handed over, and only once. */
class CancellingDeliveryOrdersRuleTest {
    static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

    static Stream<Arguments> shipmentStates() {
        return Stream.of(
                // order status, its shipments' statuses, cancellable
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.OFFERED), true),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.ACCEPTED), true),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.OFFERED, Status.ACCEPTED), true),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.REJECTED, Status.OFFERED), true),
                Arguments.of(DeliveryOrder.Status.AWAITING_STOCK, List.of(), true),
                Arguments.of(DeliveryOrder.Status.AWAITING_STOCK, List.of(Status.REJECTED), true),
                Arguments.of(DeliveryOrder.Status.AWAITING_STOCK, List.of(Status.ACCEPTED, Status.REJECTED), true),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.PICKED), false),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.PACKED), false),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.HANDED_OVER), false),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.OFFERED, Status.PICKED), false),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.ACCEPTED, Status.PACKED), false),
                Arguments.of(DeliveryOrder.Status.AWAITING_STOCK, List.of(Status.HANDED_OVER, Status.OFFERED), false),
                Arguments.of(DeliveryOrder.Status.IN_FULFILMENT, List.of(Status.REJECTED, Status.PICKED), false),
                Arguments.of(DeliveryOrder.Status.SHIPPED, List.of(Status.HANDED_OVER), false),
                Arguments.of(DeliveryOrder.Status.CANCELLED, List.of(Status.CANCELLED), false),
                Arguments.of(DeliveryOrder.Status.CANCELLED, List.of(), false));
    }

    @ParameterizedTest(name = "{0} with {1}: cancellable {2}")
    @MethodSource("shipmentStates")
    void anOrderIsCancellableOnlyWhileNoParcelIsPicked(DeliveryOrder.Status status, List<Status> shipments,
                                                      boolean cancellable) {
        var order = order(status);
        var parcels = shipments.stream().map(s -> shipment(s)).toList();

        assertThat(CancellingDeliveryOrders.refusal(order, parcels).isEmpty()).isEqualTo(cancellable);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyStatus")
    void aShipmentIsCancelledFromOfferedOrAcceptedOnlyAndThenHoldsNothing(Status from) {
        boolean allowed = from == Status.OFFERED || from == Status.ACCEPTED;
        assertThat(from.canMoveTo(Status.CANCELLED)).isEqualTo(allowed);
        assertThat(Status.CANCELLED.canMoveTo(from)).isFalse();
        assertThat(Status.CANCELLED.holdsStock()).isFalse();
        assertThat(Status.CANCELLED.closedUnshipped()).isTrue();
    }

    static Stream<Status> everyStatus() {
        return Arrays.stream(Status.values());
    }

    static DeliveryOrder order(DeliveryOrder.Status status) {
        return new DeliveryOrder("o-1", "cust-camille", List.of(new DeliveryOrder.Line("TSH", "T-shirt", 1, 2500)),
                new DeliveryOrder.Address("Camille", "3 rue du Louvre", "75001", "Paris", "FR", null, null),
                DeliveryOrder.DeliveryOption.STANDARD, false, null, "pa_test_000001", 2500, status, List.of(), List.of(),
                1, null, AT, AT, null);
    }

    static Shipment shipment(Status status) {
        return new Shipment("s-" + status, "o-1", "cust-camille", "paris-rivoli", Candidate.Kind.STORE,
                List.of(new RoutingRequest.Line("TSH", 1)), 2500, status, null, null, AT, AT, List.of());
    }
}
