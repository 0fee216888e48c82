package com.omnicanal.stock.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.stock.StockFeed;
import com.omnicanal.stock.StockService;

/** The stock Lambda: where a product is, and the stores' stock feeds. */
public final class StockApi {
    private StockApi() {
    }

    public static Router router(StockService stock) {
        return Router.builder()
                .route("GET /stock/{sku}", request -> ApiResponse.ok(stock.view(request.path("sku"))))
                .route("PUT /stores/{storeId}/stock", request -> {
                    var actor = Callers.actor(request);
                    return ApiResponse.ok(stock.applyFeed(actor, request.path("storeId"), request.body(StockFeed.class)));
                })
                .errors(DomainProblems::of)
                .build();
    }
}
