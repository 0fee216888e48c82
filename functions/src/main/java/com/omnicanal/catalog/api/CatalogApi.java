package com.omnicanal.catalog.api;

import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.catalog.CatalogJourneys;
import com.omnicanal.catalog.ManagingStores;
import com.omnicanal.catalog.SearchingProducts;
import com.omnicanal.catalog.Store;
import com.omnicanal.catalog.StoreOffering;
import com.omnicanal.catalog.feed.FeedFiles;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.ResponseMemory;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.shared.DomainException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The catalogue Lambda: public product search and stores; ops apply feeds and keep the stores. */
public final class CatalogApi {
    /** openapi.yaml's maxLength of a feed sent through the API (about 300 products; under 256 KB whatever the characters). */
    static final int MAX_FEED_CHARACTERS = 65_000;

    private CatalogApi() {
    }

    /** A store as ops write it: everything but its id, which the path gives. */
    public record StoreDetails(String name, Store.Address address, String phone, String timeZone,
                               List<Store.OpeningHours> openingHours, Store.Coordinates coordinates, Integer readyTargetMinutes,
                               List<StoreOffering> services, List<Store.Closure> closures, List<Store.HolidayHours> holidayHours) {
        Store store(String id) {
            return new Store(id, name, address, phone, timeZone, openingHours, coordinates, readyTargetMinutes, services,
                    closures, holidayHours);
        }
    }

    /** {@code answers} keeps the first answer of a feed sent with an Idempotency-Key (the feed id is its own key too). */
    public static Router router(CatalogJourneys catalog, ResponseMemory answers) {
        return Router.builder().remembering(answers)
                .route("GET /products", request -> ApiResponse.ok(catalog.searching().search(new SearchingProducts.Search(
                        request.query("q").orElse(null), request.query("category").orElse(null), number(request, "lat"),
                        number(request, "lon"), intQuery(request, "radiusKm"), request.query("cursor").orElse(null),
                        intQuery(request, "limit")))))
                .route("GET /stores", request -> ApiResponse.ok(Map.of("items", catalog.findingStores().all())))
                .route("GET /stores/{storeId}", request -> ApiResponse.ok(catalog.findingStores().week(request.path("storeId"))))
                .route("PUT /ops/stores/{storeId}", request -> {
                    var id = request.path("storeId");
                    var saved = catalog.managingStores().put(new ManagingStores.PutStore(Callers.actor(request),
                            request.body(StoreDetails.class).store(id)));
                    return saved.created() ? ApiResponse.created(saved.store(), "/stores/" + id) : ApiResponse.ok(saved.store());
                })
                .route("POST /ops/catalog/feeds/{feedId}", request -> {
                    var actor = Callers.actor(request);
                    var feedId = request.path("feedId");
                    // the media type is one openapi.yaml declares for the route (checked before this runs); its
                    // maxLength is not (the body is not JSON): a larger feed goes to the feed bucket
                    var body = request.rawBody();
                    if (body.codePointCount(0, body.length()) > MAX_FEED_CHARACTERS) {
                        throw new DomainException.InvalidInput("body", "is at most " + MAX_FEED_CHARACTERS
                                + " characters; a larger feed goes to the feed bucket");
                    }
                    var outcome = catalog.importing().apply(actor, FeedFiles.jsonLines(feedId, body));
                    var headers = new LinkedHashMap<String, String>();
                    headers.put("Location", "/ops/catalog/feeds/" + feedId);
                    if (outcome.replayed()) headers.put("Idempotent-Replayed", "true");
                    return ApiResponse.json(201, outcome.report(), headers);
                })
                .route("GET /ops/catalog/feeds/{feedId}", request -> ApiResponse.ok(
                        catalog.importing().report(Callers.actor(request), request.path("feedId"))))
                .errors(DomainProblems::of)
                .build();
    }

    static Double number(ApiRequest request, String name) {
        return request.query(name).map(v -> {
            try {
                return Double.valueOf(v);
            } catch (NumberFormatException e) {
                throw new DomainException.InvalidInput(name, "must be a number");
            }
        }).orElse(null);
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
