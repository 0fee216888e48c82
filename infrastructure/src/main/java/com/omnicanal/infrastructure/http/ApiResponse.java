package com.omnicanal.infrastructure.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds API Gateway HTTP API responses with JSON or problem+json bodies. */
public final class ApiResponse {
    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    private ApiResponse() {
    }

    public static APIGatewayV2HTTPResponse ok(Object body) {
        return json(200, body, Map.of());
    }

    public static APIGatewayV2HTTPResponse created(Object body, String location) {
        return json(201, body, Map.of("Location", location));
    }

    public static APIGatewayV2HTTPResponse json(int status, Object body, Map<String, String> extraHeaders) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("Content-Type", JSON);
        headers.putAll(extraHeaders);
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers)
                .withBody(Json.write(body)).withIsBase64Encoded(false).build();
    }

    public static APIGatewayV2HTTPResponse problem(Problem problem) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(problem.status())
                .withHeaders(Map.of("Content-Type", PROBLEM_JSON))
                .withBody(Json.write(problem)).withIsBase64Encoded(false).build();
    }
}
