package com.omnicanal.kpi.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.omnicanal.api.Callers;
import com.omnicanal.api.DomainProblems;
import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.ApiResponse;
import com.omnicanal.infrastructure.http.Router;
import com.omnicanal.kpi.ReadingKpis;
import com.omnicanal.kpi.ReadingSalesReports;
import java.util.Map;

/** The KPI Lambda's routes: ops and store staff read the figures, as JSON or CSV, and a store's monthly sales report. */
public final class KpiApi {
    private KpiApi() {
    }

    public static Router router(ReadingKpis reading, ReadingSalesReports sales) {
        return Router.builder()
                .route("GET /stores/{storeId}/reports/sales", request -> ApiResponse.ok(sales.report(
                        Callers.actor(request), request.path("storeId"), request.query("month").orElse(null))))
                .route("GET /ops/kpis", request -> {
                    var kpis = reading.read(Callers.actor(request), request.query("from").orElse(null),
                            request.query("to").orElse(null), request.query("storeId"), request.query("groupBy"));
                    if (!wantsCsv(request)) return ApiResponse.ok(kpis);
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                            .withHeaders(Map.of("Content-Type", "text/csv; charset=utf-8", "Content-Disposition",
                                    "attachment; filename=\"kpis-" + kpis.from() + "-" + kpis.to() + ".csv\""))
                            .withBody(ReadingKpis.csv(kpis)).withIsBase64Encoded(false).build();
                })
                .errors(DomainProblems::of)
                .build();
    }

    /** {@code format=csv}, or no format and an Accept that puts text/csv before JSON. */
    private static boolean wantsCsv(ApiRequest request) {
        var format = request.query("format");
        if (format.isPresent()) return format.get().equals("csv");
        var accept = request.header("accept").orElse("");
        int csv = accept.indexOf("text/csv");
        int json = accept.indexOf("application/json");
        return csv >= 0 && (json < 0 || csv < json);
    }
}
