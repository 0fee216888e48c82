package com.omnicanal.catalog.api;

import com.omnicanal.api.DomainProblems;
import com.omnicanal.catalog.CatalogService;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.shared.DomainException;
import java.util.Map;

/** The catalogue Lambda: public product search and the list of stores. */
public final class CatalogApi {
    private CatalogApi() {
    }

    public static Router router(CatalogService catalog) {
        return Router.builder()
                .route("GET /products", request -> ApiResponse.ok(
                        catalog.search(request.query("q").orElse(null), request.query("cursor").orElse(null),
                                intQuery(request, "limit"))))
                .route("GET /stores", request -> ApiResponse.ok(Map.of("items", catalog.stores())))
                .errors(DomainProblems::of)
                .build();
    }

    static Integer intQuery(ApiRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                throw new DomainException.InvalidInput(name, "must be an integer");
            }
        }).orElse(null);
    }
}
