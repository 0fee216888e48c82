package com.omnicanal.reservation.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.reservation.ReservationRequest;
import com.omnicanal.reservation.ReservationService;

/** The reservation Lambda: customers reserve and cancel, staff complete and list their store's holds. */
public final class ReservationApi {
    private ReservationApi() {
    }

    public static Router router(ReservationService reservations) {
        return Router.builder()
                .transactional("POST /reservations", (request, key) -> {
                    var actor = Callers.actor(request);
                    var body = request.body(ReservationRequest.class);
                    var outcome = reservations.reserve(actor, body, Callers.idempotencyKey("reservations", key));
                    var r = outcome.reservation();
                    var headers = new java.util.LinkedHashMap<String, String>();
                    headers.put("Location", "/reservations/" + r.id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, r, headers);
                })
                .route("GET /reservations/{id}", request ->
                        ApiResponse.ok(reservations.get(Callers.actor(request), request.path("id"))))
                .route("DELETE /reservations/{id}", request ->
                        ApiResponse.ok(reservations.cancel(Callers.actor(request), request.path("id"))))
                .route("GET /customers/me/reservations", request ->
                        ApiResponse.ok(reservations.mine(Callers.actor(request), request.query("cursor").orElse(null))))
                .route("GET /stores/{storeId}/reservations", request -> ApiResponse.ok(reservations.forStore(
                        Callers.actor(request), request.path("storeId"), request.query("status").orElse(null),
                        request.query("cursor").orElse(null))))
                .route("POST /stores/{storeId}/reservations/{id}/complete", request -> ApiResponse.ok(
                        reservations.complete(Callers.actor(request), request.path("storeId"), request.path("id"))))
                .errors(DomainProblems::of)
                .build();
    }
}
