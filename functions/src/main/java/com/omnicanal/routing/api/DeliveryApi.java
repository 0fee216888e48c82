package com.omnicanal.routing.api;

import com.omnicanal.api.Callers;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.routing.DeliveryOrder;
import com.omnicanal.routing.DeliveryOrderRequest;
import com.omnicanal.routing.RoutingRequest;
import com.omnicanal.routing.Shipment;
import java.time.Instant;
import java.util.List;
import com.omnicanal.routing.HomeDelivery;
import com.omnicanal.routing.RoutingRules;
import java.util.LinkedHashMap;
import java.util.function.Consumer;

/**
 * Home delivery's routes, served by the orders Lambda beside click-and-collect: customers order for delivery,
 * follow and cancel it, ops set the routing rules and read why an order went where it went.
 */
public final class DeliveryApi {
    private DeliveryApi() {
    }

    /** A delivery order as the API shows it: the order, with its shipments. */
    public record DeliveryOrderView(String id, String customerId, List<DeliveryOrder.Line> lines,
                                    DeliveryOrder.Address address, DeliveryOrder.DeliveryOption option, boolean oneParcel,
                                    String status, List<RoutingRequest.Line> waiting, int totalCents,
                                    DeliveryOrder.SoldBy soldBy, Instant createdAt, Instant updatedAt,
                                    List<Shipment> shipments, DeliveryOrder.Discount pointsDiscount,
                                    int amountDueCents) {
        /** A customer sees who acted as a role and which store sold it, never a staff member's id (as on pickup orders). */
        static DeliveryOrderView of(DeliveryOrder o, List<Shipment> shipments, com.omnicanal.shared.Actor viewer) {
            boolean customer = viewer.isCustomer();
            return new DeliveryOrderView(o.id(), o.customerId(), o.lines(), o.address(), o.option(), o.oneParcel(),
                    o.status().name(), o.waiting(), o.totalCents(),
                    customer && o.soldBy() != null ? new DeliveryOrder.SoldBy(o.soldBy().storeId(), null) : o.soldBy(),
                    o.createdAt(), o.updatedAt(), customer ? shipments.stream().map(Shipment::toCustomer).toList() : shipments,
                    o.discount(), o.amountDueCents());
        }
    }

    public record Rejection(String reason) {
    }

    /** Why the order is cancelled, optional. */
    public record Cancellation(String reason) {
    }

    public record HandOver(String carrier, String trackingRef) {
    }

    private interface ShipmentStep {
        Shipment apply(com.omnicanal.shared.Actor actor, String storeId, String id);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse shipment(
            com.omnicanal.infrastructure.http.ApiRequest request, ShipmentStep step) {
        return ApiResponse.ok(step.apply(Callers.actor(request), request.path("storeId"), request.path("id")));
    }

    public static Consumer<Router.Builder> routes(HomeDelivery delivery) {
        return builder -> builder
                .transactional("POST /delivery-orders", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = delivery.placing().place(actor, request.body(DeliveryOrderRequest.class),
                            Callers.idempotencyKey("delivery-orders", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/delivery-orders/" + outcome.order().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, DeliveryOrderView.of(outcome.order(), outcome.shipments(), actor), headers);
                })
                .transactional("POST /stores/{storeId}/delivery-orders", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = delivery.placing().placeInStore(actor, request.path("storeId"),
                            request.body(DeliveryOrderRequest.class), Callers.idempotencyKey("delivery-orders", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/delivery-orders/" + outcome.order().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, DeliveryOrderView.of(outcome.order(), outcome.shipments(), actor), headers);
                })
                .route("GET /delivery-orders/{id}", request -> {
                    var actor = Callers.actor(request);
                    var read = delivery.reading().get(actor, request.path("id"));
                    return ApiResponse.ok(DeliveryOrderView.of(read.order(), read.shipments(), actor));
                })
                .route("POST /delivery-orders/{id}/cancel", request -> {
                    var actor = Callers.actor(request);
                    var reason = request.rawBody().isBlank() ? null : request.body(Cancellation.class).reason();
                    var cancelled = delivery.cancelling().cancel(actor, request.path("id"), reason);
                    return ApiResponse.ok(DeliveryOrderView.of(cancelled.order(), cancelled.shipments(), actor));
                })
                .route("GET /customers/me/deliveries", request -> {
                    var actor = Callers.actor(request);
                    var page = delivery.reading().mine(actor, request.query("cursor").orElse(null));
                    return ApiResponse.ok(new com.omnicanal.shared.Page<>(page.items().stream()
                            .map(r -> DeliveryOrderView.of(r.order(), r.shipments(), actor)).toList(), page.nextCursor()));
                })
                .route("GET /ops/orders/{id}/routing", request -> {
                    var decisions = delivery.reading().routing(Callers.actor(request), request.path("id"));
                    var body = new LinkedHashMap<String, Object>();
                    body.put("orderId", request.path("id"));
                    body.put("decisions", decisions);
                    return ApiResponse.ok(body);
                })
                .route("GET /stores/{storeId}/shipments", request -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("items", delivery.fulfilling().queue(Callers.actor(request), request.path("storeId"),
                            request.query("status").orElse(null)));
                    return ApiResponse.ok(body);
                })
                .route("POST /stores/{storeId}/shipments/{id}/accept", request -> shipment(request, delivery.fulfilling()::accept))
                .route("POST /stores/{storeId}/shipments/{id}/reject", request -> {
                    var reason = request.rawBody().isBlank() ? null : request.body(Rejection.class).reason();
                    return shipment(request, (a, s, i) -> delivery.fulfilling().reject(a, s, i, reason));
                })
                .route("POST /stores/{storeId}/shipments/{id}/pick", request -> shipment(request, delivery.fulfilling()::pick))
                .route("POST /stores/{storeId}/shipments/{id}/pack", request -> shipment(request, delivery.fulfilling()::pack))
                .route("POST /stores/{storeId}/shipments/{id}/hand-over", request -> {
                    var handOver = request.body(HandOver.class);
                    return shipment(request, (a, s, i) -> delivery.fulfilling().handOver(a, s, i, handOver.carrier(),
                            handOver.trackingRef()));
                })
                .route("GET /ops/routing-rules", request -> ApiResponse.ok(delivery.rules().current(Callers.actor(request))))
                .route("PUT /ops/routing-rules", request -> ApiResponse.ok(
                        delivery.rules().set(Callers.actor(request), request.body(RoutingRules.class))));
    }
}
