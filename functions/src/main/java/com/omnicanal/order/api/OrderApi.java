package com.omnicanal.order.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Json;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.order.ClickAndCollect;
import com.omnicanal.order.FollowingOrders;
import com.omnicanal.order.Order;
import com.omnicanal.order.OrderRequest;
import com.omnicanal.order.PlacingOrders.PlaceOrder;
import com.omnicanal.order.Transfer;
import com.omnicanal.shared.Actor;
import com.omnicanal.shared.Page;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

/** The click-and-collect Lambda: customers order, confirm an option, follow and cancel; staff work their queue. */
public final class OrderApi {
    private OrderApi() {
    }

    /**
     * What the API shows of an order: staff never see the pickup code they are there to check; the customer sees who
     * acted as a role (customer, store, routing, ops), never a staff member's id, and follows its transfers.
     */
    public record OrderView(String id, String customerId, String pickupStoreId, String pickupStoreName, List<Order.Line> lines,
                            Order.Contact contact, int totalCents, String status, String pickupCode, boolean locked,
                            Instant createdAt, Instant readyBy, Instant readyAt, Instant expiresAt,
                            List<com.omnicanal.order.PickupOption> options, List<Order.Event> timeline, Instant updatedAt,
                            Order.Discount pointsDiscount, int amountDueCents, Order.SoldBy soldBy,
                            List<FollowingOrders.TransferProgress> transfers) {
        static OrderView of(Order o, Actor viewer) {
            return of(o, viewer, null);
        }

        static OrderView of(Order o, Actor viewer, List<FollowingOrders.TransferProgress> transfers) {
            boolean customer = viewer.isCustomer();
            return new OrderView(o.id(), o.customerId(), o.pickupStoreId(), o.pickupStoreName(), o.lines(), o.contact(),
                    o.totalCents(), o.status().name(), customer ? o.pickupCode() : null, o.locked(),
                    o.createdAt(), o.readyBy(), o.readyAt(), o.expiresAt(), o.options(),
                    customer ? o.timeline().stream().map(e -> e.toCustomer(o.customerId())).toList()
                            : o.timeline(), o.updatedAt(),
                    o.discount(), o.amountDueCents(),
                    customer && o.soldBy() != null ? new Order.SoldBy(o.soldBy().storeId(), null) : o.soldBy(), transfers);
        }
    }

    public record OptionChoice(String optionId) {
    }

    /** A transfer as a store's staff see it: the order it serves and what moves, never who ordered nor why routing chose. */
    public record TransferView(String id, String orderId, String fromLocation, String toStoreId, List<Transfer.Line> lines,
                               String status, String reference, Instant createdAt, Instant updatedAt,
                               List<Transfer.Event> timeline) {
        public static TransferView of(Transfer t) {
            return new TransferView(t.id(), t.orderId(), t.fromLocation(), t.toStoreId(), t.lines(), t.status().name(),
                    t.reference(), t.createdAt(), t.updatedAt(), t.timeline());
        }
    }

    public record Dispatch(String reference) {
    }

    public record Rejection(String reason) {
    }

    public record Collection(String pickupCode) {
    }

    public static Router router(ClickAndCollect orders) {
        return router(orders, more -> { });
    }

    /** With other routes the orders Lambda serves beside click-and-collect (home delivery's). */
    public static Router router(ClickAndCollect orders, java.util.function.Consumer<Router.Builder> more) {
        var builder = Router.builder();
        more.accept(builder);
        return builder
                .transactional("POST /orders", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = orders.placing().place(new PlaceOrder(actor, request.body(OrderRequest.class)),
                            Callers.idempotencyKey("orders", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/orders/" + outcome.order().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, OrderView.of(outcome.order(), actor), headers);
                })
                .transactional("POST /stores/{storeId}/orders", (request, key) -> {
                    // the endless aisle for pickup: the storefront's order, and the customer in front of the staff
                    var actor = Callers.actor(request);
                    var body = request.body(com.fasterxml.jackson.databind.node.ObjectNode.class);
                    var customer = body.remove("customerId");
                    OrderRequest order;
                    try {
                        order = Json.MAPPER.treeToValue(body, OrderRequest.class);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException("openapi.yaml let through a body the order cannot read", e);
                    }
                    var outcome = orders.selling().place(actor, request.path("storeId"),
                            customer == null || customer.isNull() ? null : customer.asText(), order,
                            Callers.idempotencyKey("store-orders", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/orders/" + outcome.order().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, OrderView.of(outcome.order(), actor), headers);
                })
                .transactional("POST /orders/{id}/confirm-option", (request, key) -> {
                    var actor = Callers.actor(request);
                    var choice = request.body(OptionChoice.class);
                    var outcome = orders.choosingOptions().confirmOption(actor, request.path("id"), choice.optionId(),
                            Callers.idempotencyKey("confirm-option", key));
                    var headers = new LinkedHashMap<String, String>();
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(200, OrderView.of(outcome.order(), actor), headers);
                })
                .route("GET /orders/{id}", request -> {
                    var actor = Callers.actor(request);
                    var order = orders.following().get(actor, request.path("id"));
                    return ApiResponse.ok(OrderView.of(order, actor, orders.following().transfersSeenBy(actor, order)));
                })
                .route("DELETE /orders/{id}", request -> {
                    var actor = Callers.actor(request);
                    var order = orders.cancelling().cancelByCustomer(actor, request.path("id"));
                    return ApiResponse.ok(OrderView.of(order, actor));
                })
                .route("GET /customers/me/orders", request -> {
                    var actor = Callers.actor(request);
                    var page = orders.following().mine(actor, request.query("cursor").orElse(null));
                    return ApiResponse.ok(new Page<>(page.items().stream().map(o -> OrderView.of(o, actor)).toList(),
                            page.nextCursor()));
                })
                .route("GET /stores/{storeId}/orders", request -> {
                    var actor = Callers.actor(request);
                    var queue = orders.queue().forStore(actor, request.path("storeId"), request.query("status").orElse(null),
                            request.query("cursor").orElse(null));
                    var items = queue.items().stream().map(q -> {
                        var row = new LinkedHashMap<String, Object>();
                        row.put("order", OrderView.of(q.order(), actor));
                        row.put("minutesLeft", q.minutesLeft());
                        row.put("late", q.late());
                        return row;
                    }).toList();
                    var body = new LinkedHashMap<String, Object>();
                    body.put("items", items);
                    if (queue.nextCursor() != null) body.put("nextCursor", queue.nextCursor());
                    body.put("late", queue.late());
                    return ApiResponse.ok(body);
                })
                .route("POST /stores/{storeId}/orders/{id}/accept", request -> staff(request, orders.preparing()::accept))
                .route("POST /stores/{storeId}/orders/{id}/reject", request -> {
                    var reason = request.rawBody().isBlank() ? null : request.body(Rejection.class).reason();
                    return staff(request, (a, s, i) -> orders.preparing().reject(a, s, i, reason));
                })
                .route("POST /stores/{storeId}/orders/{id}/ready", request -> staff(request, orders.preparing()::ready))
                .route("POST /stores/{storeId}/orders/{id}/collect", request -> {
                    var code = request.body(Collection.class).pickupCode();
                    return staff(request, (a, s, i) -> orders.collecting().collect(a, s, i, code));
                })
                .route("POST /stores/{storeId}/orders/{id}/unlock", request -> staff(request, orders.collecting()::unlock))
                .route("POST /stores/{storeId}/orders/{id}/cancel",
                        request -> staff(request, orders.cancelling()::cancelByStore))
                // transfers: the source sends, the pickup store receives, ops read why each source was chosen
                .route("GET /stores/{storeId}/transfers", request -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("items", orders.transfers().queue(Callers.actor(request), request.path("storeId"),
                            request.query("status").orElse(null)).stream().map(TransferView::of).toList());
                    return ApiResponse.ok(body);
                })
                .route("POST /stores/{storeId}/transfers/{id}/dispatch", request -> {
                    var reference = request.body(Dispatch.class).reference();
                    return ApiResponse.ok(TransferView.of(orders.transfers().dispatch(Callers.actor(request),
                            request.path("storeId"), request.path("id"), reference)));
                })
                .route("POST /stores/{storeId}/transfers/{id}/refuse", request -> {
                    var reason = request.body(Rejection.class).reason();
                    return ApiResponse.ok(TransferView.of(orders.refusing().refuse(Callers.actor(request),
                            request.path("storeId"), request.path("id"), reason)));
                })
                .route("POST /stores/{storeId}/transfers/{id}/receive", request -> ApiResponse.ok(TransferView.of(
                        orders.transfers().receive(Callers.actor(request), request.path("storeId"), request.path("id")))))
                .route("GET /ops/orders/{id}/transfers", request -> {
                    var body = new LinkedHashMap<String, Object>();
                    body.put("orderId", request.path("id"));
                    body.put("transfers", orders.transfers().ofOrder(Callers.actor(request), request.path("id")));
                    return ApiResponse.ok(body);
                })
                .errors(DomainProblems::of)
                .build();
    }

    private interface StaffAction {
        Order apply(Actor actor, String storeId, String id);
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse staff(
            com.omnicanal.infrastructure.http.ApiRequest request, StaffAction action) {
        var actor = Callers.actor(request);
        return ApiResponse.ok(OrderView.of(action.apply(actor, request.path("storeId"), request.path("id")), actor));
    }
}
