package com.omnicanal.api;

import com.omnicanal.infrastructure.http.ApiRequest;
import com.omnicanal.infrastructure.http.Problem;
import com.omnicanal.infrastructure.http.ProblemException;
import com.omnicanal.shared.Actor;

/**
 * Reads the caller from the JWT claims API Gateway verified: {@code sub} is the person, {@code role} is customer
 * (the default), staff or ops, and a staff token carries {@code storeId}.
 */
public final class Callers {
    private Callers() {
    }

    public static Actor actor(ApiRequest request) {
        var claims = request.claims();
        var sub = claims.get("sub");
        if (sub == null || sub.isBlank()) throw unauthorized("no verified caller on this request");
        var role = claims.getOrDefault("role", "customer");
        return switch (role) {
            case "customer" -> Actor.customer(sub);
            case "ops" -> Actor.ops(sub);
            case "staff" -> {
                var store = claims.get("storeId");
                if (store == null || store.isBlank()) throw unauthorized("a staff token must name its store");
                yield Actor.staff(sub, store);
            }
            default -> throw unauthorized("unknown role " + role);
        };
    }

    private static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }
}
