package com.omnicanal.returns.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.returns.CrossChannelReturns;
import com.omnicanal.returns.ReceivingReturns;
import com.omnicanal.returns.RequestingReturns.RequestReturn;
import com.omnicanal.returns.ReturnRequest;
import java.util.LinkedHashMap;
import java.util.List;

/** The returns Lambda: customers ask, any store (or the web warehouse) receives, ops refund or reject and report. */
public final class ReturnApi {
    private ReturnApi() {
    }

    public record Reception(List<ReceivingReturns.Counted> lines) {
    }

    public record Refund(String refundReference) {
    }

    public record Rejection(String reason) {
    }

    public static Router router(CrossChannelReturns returns) {
        return Router.builder()
                .transactional("POST /returns", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = returns.requesting().request(new RequestReturn(actor, request.body(ReturnRequest.class)),
                            Callers.idempotencyKey("returns", key));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/returns/" + outcome.authorization().id());
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, outcome.authorization(), headers);
                })
                .route("GET /returns/{id}", request -> ApiResponse.ok(returns.following().get(Callers.actor(request),
                        request.path("id"))))
                .route("POST /stores/{storeId}/returns/{id}/receive", request -> ApiResponse.ok(returns.receiving().receive(
                        Callers.actor(request), request.path("storeId"), request.path("id"),
                        request.body(Reception.class).lines())))
                .route("POST /ops/returns/{id}/refund", request -> ApiResponse.ok(returns.decisions().refund(
                        Callers.actor(request), request.path("id"), request.body(Refund.class).refundReference())))
                .route("POST /ops/returns/{id}/reject", request -> ApiResponse.ok(returns.decisions().reject(
                        Callers.actor(request), request.path("id"), request.body(Rejection.class).reason())))
                .route("GET /ops/stores/{storeId}/returns-report", request -> ApiResponse.ok(returns.reporting().report(
                        Callers.actor(request), request.path("storeId"), request.query("from").orElse(null),
                        request.query("to").orElse(null))))
                .errors(DomainProblems::of)
                .build();
    }
}
