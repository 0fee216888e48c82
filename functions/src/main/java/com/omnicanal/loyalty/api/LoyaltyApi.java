package com.omnicanal.loyalty.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.ResponseMemory;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.loyalty.AdjustingPoints;
import com.omnicanal.loyalty.LoyaltyProgramme;
import com.omnicanal.loyalty.Programme;
import com.omnicanal.loyalty.RecordingSales;
import com.omnicanal.loyalty.RedeemingPoints;
import com.omnicanal.shared.Actor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loyalty Lambda: anyone reads the programme, ops change it; a store's till reports its sales (they earn); members
 * read their balance and ledger and spend points for a code, staff do it at the till for the member in front of them;
 * ops correct a balance with a reason; a store reads what it issued, honoured and took back.
 */
public final class LoyaltyApi {
    private LoyaltyApi() {
    }

    public record Spend(long points) {
    }

    public record TillSpend(String customerId, long points) {
    }

    /** {@code answers} keeps the first answer of the routes openapi.yaml declares x-idempotency: response. */
    public static Router router(LoyaltyProgramme loyalty, ResponseMemory answers) {
        return Router.builder().remembering(answers)
                .route("GET /loyalty/programme", request -> ApiResponse.ok(loyalty.programme().current()))
                .route("PUT /ops/loyalty/programme", request -> ApiResponse.ok(loyalty.programme().update(
                        Callers.actor(request), request.body(Programme.class))))
                .route("POST /stores/{storeId}/sales", request -> {
                    var recorded = loyalty.sales().record(Callers.actor(request), request.path("storeId"),
                            request.body(RecordingSales.SaleReport.class));
                    var headers = new LinkedHashMap<String, String>();
                    if (recorded.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(recorded.replayed() ? 200 : 201, recorded, headers);
                })
                .route("GET /customers/me/loyalty", request -> {
                    var actor = Callers.actor(request);
                    return ApiResponse.ok(loyalty.reading().account(actor, actor.id()));
                })
                .route("GET /customers/me/loyalty/ledger", request -> {
                    var actor = Callers.actor(request);
                    return ApiResponse.ok(page(loyalty, actor, actor.id(), request));
                })
                .transactional("POST /customers/me/loyalty/rewards", (request, key) -> {
                    var actor = Callers.actor(request);
                    var outcome = loyalty.redeeming().redeem(actor, new RedeemingPoints.Redemption(actor.id(),
                            request.body(Spend.class).points(), null), Callers.idempotencyKey("loyalty", key));
                    return redeemed(outcome);
                })
                .transactional("POST /stores/{storeId}/loyalty/rewards", (request, key) -> {
                    var spend = request.body(TillSpend.class);
                    var outcome = loyalty.redeeming().redeem(Callers.actor(request), new RedeemingPoints.Redemption(
                            spend.customerId(), spend.points(), request.path("storeId")), Callers.idempotencyKey("loyalty", key));
                    return redeemed(outcome);
                })
                .route("GET /stores/{storeId}/customers/{customerId}/loyalty", request -> {
                    var actor = Callers.actor(request);
                    actor.requireStore(request.path("storeId"));
                    return ApiResponse.ok(loyalty.reading().account(actor, request.path("customerId")));
                })
                .route("GET /ops/customers/{customerId}/loyalty/ledger", request -> {
                    var actor = Callers.actor(request);
                    if (actor.role() != Actor.Role.OPS) {
                        throw new com.omnicanal.shared.DomainException.Forbidden("only ops read another member's ledger");
                    }
                    return ApiResponse.ok(page(loyalty, actor, request.path("customerId"), request));
                })
                .route("POST /ops/customers/{customerId}/loyalty/adjustments", request -> ApiResponse.json(201,
                        loyalty.adjusting().adjust(Callers.actor(request), request.path("customerId"),
                                request.body(AdjustingPoints.Adjustment.class)), Map.of()))
                .route("GET /stores/{storeId}/loyalty-report", request -> ApiResponse.ok(loyalty.reporting().report(
                        Callers.actor(request), request.path("storeId"), request.query("month").orElseThrow(
                                () -> new com.omnicanal.shared.DomainException.InvalidInput("month", "is required")))))
                .errors(DomainProblems::of)
                .build();
    }

    private static Map<String, Object> page(LoyaltyProgramme loyalty, Actor actor, String customerId, ApiRequest request) {
        int limit = request.query("limit").map(Integer::parseInt).orElse(50);
        var page = loyalty.reading().ledger(actor, customerId, request.query("cursor").orElse(null), limit);
        var body = new LinkedHashMap<String, Object>();
        body.put("items", page.items());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse redeemed(RedeemingPoints.Outcome outcome) {
        var headers = new LinkedHashMap<String, String>();
        if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
        return ApiResponse.json(201, outcome.redeemed(), headers);
    }
}
