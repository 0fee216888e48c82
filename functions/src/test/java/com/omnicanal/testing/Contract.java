package com.omnicanal.testing;

import com.omnicanal.infrastructure.http.FieldError;
import com.omnicanal.infrastructure.http.RequestContract;
import java.util.List;
import java.util.Map;

/**
 * What openapi.yaml refuses of a request before any handler runs, as the Router checks it: the shapes a use case no
 * longer checks again.
 */
public final class Contract {
    private Contract() {
    }

    /** The fields the contract names in its 400 for this JSON body on this route (no path parameter, query or header). */
    public static List<String> refusedFields(String routeKey, String body) {
        return RequestContract.shared().check(routeKey, Map.of(), Map.of(), Map.of(), body).stream()
                .map(FieldError::field).toList();
    }
}
